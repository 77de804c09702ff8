package dev.touchpoint.ingress;

import java.time.Duration;

/** The engine kept answering RESOURCE_EXHAUSTED through every retry: the caller should try again after {@code retryAfter}. */
public class EngineBusyException extends RuntimeException {

    private final Duration retryAfter;

    public EngineBusyException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
