package dev.touchpoint.brand;

import dev.touchpoint.channel.Channel;

import dev.touchpoint.channel.gsm.SmsEncoding;

import java.util.List;
import java.util.Objects;

/**
 * A rendered SMS.
 *
 * @param body             the final text, including the opt-out wording for marketing messages
 * @param senderId         the alphanumeric sender id the brand declares ({@code sender.sms.alphanumeric-id}); the
 *                         adapter may use a number or messaging service instead where alphanumeric ids are not allowed
 * @param encoding         GSM-7 or UCS-2
 * @param segments         how many segments the carrier bills
 * @param units            septets (GSM-7, extension characters count two) or UTF-16 code units (UCS-2)
 * @param characters       user-perceived characters (grapheme clusters)
 * @param optOutAppended   whether the opt-out wording was appended
 */
public record RenderedSms(String body, String senderId, SmsEncoding encoding, int segments, int units,
                          int characters, boolean optOutAppended, Category category, ContentFingerprint fingerprint,
                          List<RuleViolation> warnings) implements RenderedMessage {

    public RenderedSms {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(encoding, "encoding");
        warnings = List.copyOf(warnings);
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }
}
