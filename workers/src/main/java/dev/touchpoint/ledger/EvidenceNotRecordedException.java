package dev.touchpoint.ledger;

/**
 * Evidence could not be made durable (database unreachable, ledger stopped, or the write did not finish in time).
 * Thrown to the publisher of the event, so that a job worker does not complete its job: the job is retried and the
 * evidence written then.
 */
public class EvidenceNotRecordedException extends RuntimeException {

    public EvidenceNotRecordedException(String message, Throwable cause) {
        super(message, cause);
    }

    public EvidenceNotRecordedException(String message) {
        super(message);
    }
}
