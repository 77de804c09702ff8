package dev.touchpoint.ingress.internal;

import java.time.Duration;
import java.util.Map;

/**
 * Publishes one Zeebe message. The production implementation is {@link CamundaMessagePublisher}; this interface is the
 * one seam through which tests simulate engine backpressure (a real engine does not push back on demand).
 */
public interface MessagePublisher {

    /**
     * @return the message key
     * @throws DuplicateMessageException when a message with this id, name and correlation key is still buffered
     * @throws EngineBackpressureException when the engine answered RESOURCE_EXHAUSTED
     */
    long publish(String name, String correlationKey, String messageId, Duration ttl, Map<String, Object> variables);

    /** The engine already holds a message with this id: the event was delivered before. */
    final class DuplicateMessageException extends RuntimeException {
        public DuplicateMessageException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The engine refused the message for good (invalid variables, ...): the event cannot be mapped as it is. */
    final class EngineRejectedException extends RuntimeException {
        public EngineRejectedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The engine refused the command for now (RESOURCE_EXHAUSTED, UNAVAILABLE, or 429/503 over REST), or the answer
     * was lost (DEADLINE_EXCEEDED): publishing again is safe because the message id deduplicates.
     */
    final class EngineBackpressureException extends RuntimeException {
        public EngineBackpressureException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
