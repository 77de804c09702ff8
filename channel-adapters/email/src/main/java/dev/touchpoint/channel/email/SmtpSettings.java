package dev.touchpoint.channel.email;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * Where and how {@link SmtpEmailAdapter} connects.
 *
 * @param host                     SMTP server host
 * @param port                     SMTP server port
 * @param tlsMode                  STARTTLS (required), implicit TLS, or none (loopback only when authenticating)
 * @param username                 SMTP AUTH user, {@code null} for no authentication
 * @param password                 SMTP AUTH password, {@code null} for no authentication; never logged
 * @param connectTimeout           TCP connect timeout
 * @param readTimeout              how long to wait for each server reply
 * @param writeTimeout             how long a write may block
 * @param poolSize                 connections kept open and reused across sends (and the most used at once)
 * @param maxMessagesPerConnection after this many messages a connection is closed and replaced
 * @param validateAfterIdle        a pooled connection idle at least this long is checked with NOOP before reuse
 * @param ehloName                 the name announced in EHLO, {@code null} for the local host name
 */
public record SmtpSettings(String host, int port, TlsMode tlsMode, String username, String password,
                           Duration connectTimeout, Duration readTimeout, Duration writeTimeout, int poolSize,
                           int maxMessagesPerConnection, Duration validateAfterIdle, String ehloName) {

    public SmtpSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("SMTP host must be set");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SMTP port must be 1..65535");
        }
        Objects.requireNonNull(tlsMode, "tlsMode");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(validateAfterIdle, "validateAfterIdle");
        if (poolSize < 1 || maxMessagesPerConnection < 1) {
            throw new IllegalArgumentException("poolSize and maxMessagesPerConnection must be positive");
        }
        username = blankToNull(username);
        password = blankToNull(password);
        ehloName = blankToNull(ehloName);
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("SMTP username and password must be set together");
        }
        if (tlsMode == TlsMode.NONE && username != null && !isLoopback(host)) {
            throw new IllegalArgumentException("tls-mode none would send the SMTP password in clear text to " + host
                    + ": use starttls or tls (none is allowed with credentials only for a loopback relay)");
        }
    }

    /** Settings for an unauthenticated relay on loopback without TLS (the sandbox) with default timeouts. */
    public static SmtpSettings loopbackRelay(String host, int port) {
        return new SmtpSettings(host, port, TlsMode.NONE, null, null, Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(30), 2, 100, Duration.ofSeconds(2), null);
    }

    /** Whether the connection authenticates. */
    public boolean authenticates() {
        return username != null;
    }

    /** The Jakarta Mail protocol name: {@code smtps} for implicit TLS, {@code smtp} otherwise. */
    public String protocol() {
        return tlsMode == TlsMode.TLS ? "smtps" : "smtp";
    }

    /** The Jakarta Mail session properties for these settings. */
    public Properties sessionProperties() {
        String p = "mail." + protocol() + ".";
        Properties props = new Properties();
        props.put("mail.transport.protocol", protocol());
        props.put(p + "host", host);
        props.put(p + "port", Integer.toString(port));
        props.put(p + "auth", Boolean.toString(authenticates()));
        props.put(p + "connectiontimeout", Long.toString(connectTimeout.toMillis()));
        props.put(p + "timeout", Long.toString(readTimeout.toMillis()));
        props.put(p + "writetimeout", Long.toString(writeTimeout.toMillis()));
        props.put(p + "quitwait", "false");
        // TCP_NODELAY: the end of each message must not wait for the relay's delayed ACK (NoDelaySocketFactory)
        props.put(p + "socketFactory", NoDelaySocketFactory.INSTANCE);
        props.put(p + "socketFactory.fallback", "false");
        if (ehloName != null) {
            props.put(p + "localhost", ehloName);
        }
        if (tlsMode != TlsMode.NONE) {
            props.put(p + "ssl.checkserveridentity", "true");
            props.put(p + "ssl.protocols", "TLSv1.3 TLSv1.2");
        }
        if (tlsMode == TlsMode.STARTTLS) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (tlsMode == TlsMode.TLS) {
            props.put(p + "ssl.enable", "true");
        }
        // Headers we write must stay as written (DKIM signs them), and parsing what we read back is strict.
        props.put("mail.mime.address.strict", "true");
        return props;
    }

    /** Leaves the password out. */
    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", tlsMode=" + tlsMode + ", username=" + username
                + ", password=" + (password == null ? "none" : "******") + ", poolSize=" + poolSize + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static boolean isLoopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        if (!host.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ':')) {
            return false; // a name other than localhost: do not resolve it here
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
