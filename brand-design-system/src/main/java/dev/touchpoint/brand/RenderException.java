package dev.touchpoint.brand;

import dev.touchpoint.channel.Channel;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A touchpoint could not be rendered. The message always names the template, locale, channel and field, so a worker
 * can turn it into a BPMN error and an operator can fix the template or the data. Rendering failures are never
 * retryable: the same input renders the same way.
 */
public class RenderException extends RuntimeException {

    /** Why the render failed. */
    public enum Reason {
        /** No template with that id exists. */
        UNKNOWN_TEMPLATE,
        /** The template exists but does not declare the requested channel. */
        UNSUPPORTED_CHANNEL,
        /** A required variable was not supplied (and has no default). */
        MISSING_VARIABLE,
        /** A supplied variable has the wrong type or an unsafe value (e.g. a non-https URL). */
        INVALID_VARIABLE,
        /** A message key used by the template is missing in the locale. */
        MISSING_MESSAGE,
        /** The rendered content breaks a channel rule; see {@link #violations()}. */
        RULE_VIOLATION,
        /** The template itself failed while rendering (a bug in the template). */
        TEMPLATE_ERROR
    }

    private final Reason reason;
    private final String templateId;
    private final String locale;
    private final Channel channel;
    private final String field;
    private final List<RuleViolation> violations;

    public RenderException(Reason reason, String templateId, String locale, Channel channel, String field,
                           String message) {
        this(reason, templateId, locale, channel, field, message, List.of(), null);
    }

    public RenderException(Reason reason, String templateId, String locale, Channel channel, String field,
                           String message, List<RuleViolation> violations, Throwable cause) {
        super(describe(reason, templateId, locale, channel, field, message, violations), cause);
        this.reason = reason;
        this.templateId = templateId;
        this.locale = locale;
        this.channel = channel;
        this.field = field;
        this.violations = List.copyOf(violations);
    }

    /** Creates the exception thrown when rendered content breaks one or more ERROR rules. */
    public static RenderException ruleViolations(String templateId, String locale, Channel channel,
                                                 List<RuleViolation> violations) {
        List<RuleViolation> errors = violations.stream().filter(RuleViolation::isError).toList();
        String field = errors.isEmpty() ? null : errors.getFirst().field();
        String text = errors.stream().map(v -> v.rule() + ": " + v.message()).collect(Collectors.joining("; "));
        return new RenderException(Reason.RULE_VIOLATION, templateId, locale, channel, field, text, violations, null);
    }

    private static String describe(Reason reason, String templateId, String locale, Channel channel, String field,
                                   String message, List<RuleViolation> violations) {
        StringBuilder text = new StringBuilder();
        text.append(reason).append(" in template '").append(templateId).append('\'');
        if (channel != null) {
            text.append(", channel ").append(channel.id());
        }
        if (locale != null) {
            text.append(", locale ").append(locale);
        }
        if (field != null) {
            text.append(", field '").append(field).append('\'');
        }
        text.append(": ").append(message);
        return text.toString();
    }

    public Reason reason() {
        return reason;
    }

    public String templateId() {
        return templateId;
    }

    /** The BCP 47 tag of the locale used (after fallback) or requested, when known. */
    public String locale() {
        return locale;
    }

    public Channel channel() {
        return channel;
    }

    /** The variable, message key or rendered field at fault, when known. */
    public String field() {
        return field;
    }

    /** All rule violations (errors and warnings) when {@link #reason()} is {@link Reason#RULE_VIOLATION}. */
    public List<RuleViolation> violations() {
        return violations;
    }
}
