package dev.touchpoint.channel;

import java.time.Duration;
import java.util.Optional;

/**
 * A delivery that did not happen, classified for the caller. Every adapter maps its vendor's errors to a
 * {@link FailureKind} and a {@link FailureReason}; the vendor's own code and message are kept for operators.
 *
 * <p>The message of this exception carries no personal data: adapters scrub vendor messages with
 * {@link PersonalData#scrub} before they get here.
 */
public class DeliveryFailure extends RuntimeException {

    private final Channel channel;
    private final FailureKind kind;
    private final FailureReason reason;
    private final String vendorCode;
    private final String vendorMessage;
    private final Duration retryAfter;
    private final String idempotencyKey;

    private DeliveryFailure(Builder builder) {
        super(describe(builder), builder.cause, false, true);
        this.channel = builder.channel;
        this.kind = builder.kind;
        this.reason = builder.reason;
        this.vendorCode = builder.vendorCode;
        this.vendorMessage = builder.vendorMessage;
        this.retryAfter = builder.retryAfter;
        this.idempotencyKey = builder.idempotencyKey;
    }

    /** Starts a failure of the given kind and reason. */
    public static Builder of(Channel channel, FailureKind kind, FailureReason reason) {
        return new Builder(channel, kind, reason);
    }

    public static Builder retryable(Channel channel, FailureReason reason) {
        return of(channel, FailureKind.RETRYABLE, reason);
    }

    public static Builder permanent(Channel channel, FailureReason reason) {
        return of(channel, FailureKind.PERMANENT, reason);
    }

    public static Builder misconfigured(Channel channel, FailureReason reason) {
        return of(channel, FailureKind.MISCONFIGURED, reason);
    }

    public Channel channel() {
        return channel;
    }

    public FailureKind kind() {
        return kind;
    }

    public FailureReason reason() {
        return reason;
    }

    /** The vendor's error code (Twilio error code, SMTP reply code and enhanced status), {@code null} if none. */
    public String vendorCode() {
        return vendorCode;
    }

    /** The vendor's error text, scrubbed of personal data; {@code null} if none. */
    public String vendorMessage() {
        return vendorMessage;
    }

    /** How long the vendor asked us to wait before trying again (HTTP {@code Retry-After}), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The idempotency key of the message that failed, {@code null} when the failure is not about one message. */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    public boolean isRetryable() {
        return kind == FailureKind.RETRYABLE;
    }

    /** A copy naming the message it was about. */
    public DeliveryFailure forMessage(String key) {
        return new Builder(channel, kind, reason).vendorCode(vendorCode).vendorMessage(vendorMessage)
                .retryAfter(retryAfter).idempotencyKey(key).cause(getCause()).build();
    }

    private static String describe(Builder b) {
        StringBuilder text = new StringBuilder().append(b.channel).append(' ').append(b.kind).append(' ')
                .append(b.reason);
        if (b.vendorCode != null) {
            text.append(" [").append(b.vendorCode).append(']');
        }
        if (b.vendorMessage != null) {
            text.append(": ").append(b.vendorMessage);
        }
        if (b.retryAfter != null) {
            text.append(" (retry after ").append(b.retryAfter).append(')');
        }
        if (b.idempotencyKey != null) {
            text.append(" idempotencyKey=").append(b.idempotencyKey);
        }
        return text.toString();
    }

    /** Builds a {@link DeliveryFailure}. */
    public static final class Builder {
        private final Channel channel;
        private final FailureKind kind;
        private final FailureReason reason;
        private String vendorCode;
        private String vendorMessage;
        private Duration retryAfter;
        private String idempotencyKey;
        private Throwable cause;

        private Builder(Channel channel, FailureKind kind, FailureReason reason) {
            this.channel = Require.notNull(channel, "channel");
            this.kind = Require.notNull(kind, "kind");
            this.reason = Require.notNull(reason, "reason");
        }

        public Builder vendorCode(String code) {
            this.vendorCode = Require.nullIfBlank(code);
            return this;
        }

        /** The vendor's text; must already be scrubbed of personal data ({@link PersonalData#scrub}). */
        public Builder vendorMessage(String message) {
            this.vendorMessage = Require.nullIfBlank(message);
            return this;
        }

        public Builder retryAfter(Duration wait) {
            if (wait != null && wait.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative");
            }
            this.retryAfter = wait;
            return this;
        }

        public Builder idempotencyKey(String key) {
            this.idempotencyKey = key;
            return this;
        }

        /** The underlying exception; its own message must not carry personal data either. */
        public Builder cause(Throwable cause) {
            this.cause = cause;
            return this;
        }

        public DeliveryFailure build() {
            return new DeliveryFailure(this);
        }
    }
}
