package dev.touchpoint.channel.email.autoconfigure;

import dev.touchpoint.channel.email.DkimSigner;
import dev.touchpoint.channel.email.TlsMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code touchpoint.channels.email.*}: the SMTP relay, DKIM and the sandbox. Secrets (the SMTP password) come from the
 * environment ({@code TOUCHPOINT_CHANNELS_EMAIL_SMTP_PASSWORD}) or a secret store mounted as configuration; they are
 * never logged ({@link #toString()} masks them).
 *
 * @param enabled         whether the e-mail adapter is registered at all
 * @param smtp            the relay; leaving {@code host} empty outside the {@code cluster} profile means "use the
 *                        sandbox"
 * @param dkim            optional DKIM signing: set all of domain, selector and private-key-location, or none
 * @param messageIdDomain domain of generated Message-IDs; empty for the sender's domain
 * @param returnPath      envelope sender (where bounces go); empty for the From address
 * @param sandbox         the embedded GreenMail server
 * @param relayDeduplicatesMessageId true when the relay drops a second message with a Message-ID it already accepted:
 *                        an interrupted attempt is then sent again with the same Message-ID instead of being recorded
 *                        UNCONFIRMED (ADR-0022); leave false unless the relay is configured so
 */
@Validated
@ConfigurationProperties(prefix = "touchpoint.channels.email")
public record EmailChannelProperties(
        @DefaultValue("true") boolean enabled,
        @Valid @DefaultValue Smtp smtp,
        @Valid @DefaultValue Dkim dkim,
        String messageIdDomain,
        String returnPath,
        @Valid @DefaultValue Sandbox sandbox,
        @DefaultValue("false") boolean relayDeduplicatesMessageId) {

    /**
     * @param host                     relay host; empty means none configured
     * @param port                     relay port (587 submission with STARTTLS, 465 with TLS)
     * @param username                 SMTP AUTH user; empty for none
     * @param password                 SMTP AUTH password; from the environment, never logged
     * @param tlsMode                  starttls (required), tls (implicit) or none (loopback relays only)
     * @param connectTimeout           TCP connect timeout
     * @param readTimeout              wait for each server reply
     * @param writeTimeout             wait for a blocked write
     * @param poolSize                 connections kept open and reused
     * @param maxMessagesPerConnection messages before a connection is replaced
     * @param validateAfterIdle        idle time after which a pooled connection is checked with NOOP
     * @param ehloName                 name announced in EHLO; empty for the local host name
     */
    public record Smtp(
            String host,
            @DefaultValue("587") @Min(1) @Max(65535) int port,
            String username,
            String password,
            @DefaultValue("starttls") @NotNull TlsMode tlsMode,
            @DefaultValue("10s") @NotNull Duration connectTimeout,
            @DefaultValue("30s") @NotNull Duration readTimeout,
            @DefaultValue("30s") @NotNull Duration writeTimeout,
            @DefaultValue("4") @Min(1) @Max(64) int poolSize,
            @DefaultValue("100") @Min(1) int maxMessagesPerConnection,
            @DefaultValue("2s") @NotNull Duration validateAfterIdle,
            String ehloName) {

        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", username=" + username + ", password="
                    + (password == null || password.isBlank() ? "none" : "******") + ", tlsMode=" + tlsMode
                    + ", poolSize=" + poolSize + "]";
        }
    }

    /**
     * @param domain             the signing domain ({@code d=})
     * @param selector           the selector ({@code s=}); the public key is published at
     *                           {@code <selector>._domainkey.<domain>}
     * @param privateKeyLocation where the unencrypted PKCS#8 PEM key is, as a Spring resource location
     *                           ({@code file:/run/secrets/dkim.pem}); the key itself is a secret
     * @param signedHeaders      headers signed when present
     */
    public record Dkim(
            String domain,
            String selector,
            String privateKeyLocation,
            @NotEmpty List<String> signedHeaders) {

        public Dkim {
            signedHeaders = signedHeaders == null || signedHeaders.isEmpty() ? DkimSigner.DEFAULT_SIGNED_HEADERS
                    : List.copyOf(signedHeaders);
        }

        /** Whether any DKIM setting is given. */
        public boolean configured() {
            return hasText(domain) || hasText(selector) || hasText(privateKeyLocation);
        }

        /** Whether every DKIM setting is given. */
        public boolean complete() {
            return hasText(domain) && hasText(selector) && hasText(privateKeyLocation);
        }
    }

    /**
     * @param enabled     {@code true} forces the sandbox, {@code false} forbids it; unset means "when no SMTP host is
     *                    configured and the cluster profile is not active"
     * @param host        loopback address the sandbox SMTP server binds
     * @param port        its port; 0 picks a free one
     * @param maxMessages messages kept in memory
     */
    public record Sandbox(
            Boolean enabled,
            @DefaultValue("127.0.0.1") String host,
            @DefaultValue("3025") @Min(0) @Max(65535) int port,
            @DefaultValue("1000") @Min(1) int maxMessages) {
    }

    static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
