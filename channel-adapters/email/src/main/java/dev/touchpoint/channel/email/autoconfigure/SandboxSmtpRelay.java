package dev.touchpoint.channel.email.autoconfigure;

/**
 * Where the embedded sandbox accepts SMTP: the one thing the adapter needs from it. The sandbox lives in its own
 * module ({@code channel-adapter-email-sandbox}), so the adapter's jar carries no test SMTP server; that module
 * registers a bean of this type when {@link EmailSandboxCondition} selects the sandbox, and
 * {@link EmailChannelAutoConfiguration} points the adapter at it.
 */
public interface SandboxSmtpRelay {

    /** The loopback address the sandbox listens on. */
    String host();

    /** Its port (the one actually bound, also when 0 was configured). */
    int port();
}
