package dev.touchpoint.brand;

import dev.touchpoint.channel.Channel;

import java.util.Objects;

/**
 * What the evidence ledger records about a rendered message: which template and version produced it, for which locale
 * and channel, and the SHA-256 (lower-case hex) of the rendered content. Two renders with the same fingerprint sent
 * byte-identical content.
 *
 * @param templateId      the template id, e.g. {@code cart-reminder}
 * @param templateVersion the version declared in the template descriptor
 * @param sha256          lower-case hex SHA-256 of the channel's canonical content (see {@link RenderedMessage})
 * @param locale          BCP 47 tag of the locale whose messages were used (after fallback), e.g. {@code zh-Hant}
 * @param channel         the channel rendered
 */
public record ContentFingerprint(String templateId, String templateVersion, String sha256, String locale,
                                 Channel channel) {

    public ContentFingerprint {
        Objects.requireNonNull(templateId, "templateId");
        Objects.requireNonNull(templateVersion, "templateVersion");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(channel, "channel");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
    }
}
