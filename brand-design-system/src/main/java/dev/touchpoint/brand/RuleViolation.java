package dev.touchpoint.brand;

import dev.touchpoint.channel.Channel;

import java.util.Objects;

/**
 * One broken (ERROR) or doubtful (WARNING) per-channel rule, naming where it happened.
 *
 * @param severity   ERROR fails the render; WARNING is reported with the rendered message
 * @param rule       a stable code, e.g. {@code sms.segment-budget}, {@code push.payload-size}, {@code email.no-script}
 * @param templateId the template
 * @param locale     the BCP 47 locale tag of the messages used
 * @param channel    the channel
 * @param field      the rendered field, e.g. {@code body}, {@code title}, {@code html}
 * @param message    a human-readable explanation
 */
public record RuleViolation(Severity severity, String rule, String templateId, String locale, Channel channel,
                            String field, String message) {

    public enum Severity {
        ERROR,
        WARNING
    }

    public RuleViolation {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity + " " + rule + " [" + templateId + "/" + (channel == null ? "-" : channel.id()) + "/" + locale
                + (field == null ? "" : " field " + field) + "]: " + message;
    }
}
