package dev.touchpoint.context;

/**
 * The context cannot serve the call right now: this member is on the minority side of a split cluster (split-brain
 * protection refuses decisions rather than double-spending budgets) or the database behind consent is unreachable
 * (a consent change is acknowledged only once it is on disk). Retry later; a job worker fails the job with a retry.
 */
public class ContextUnavailableException extends RuntimeException {

    public ContextUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
