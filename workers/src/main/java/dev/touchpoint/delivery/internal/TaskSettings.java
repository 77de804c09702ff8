package dev.touchpoint.delivery.internal;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.Priority;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.tasks.TaskNames.Headers;
import dev.touchpoint.tasks.TaskNames.Outputs;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A touchpoint task's headers, parsed and checked. A bad header is a diagram mistake: {@link #parse} throws
 * {@link TaskMisconfiguredException} naming the header, the value and what is allowed.
 *
 * @param templateId the brand design system template
 * @param purpose marketing or transactional; empty means the template's own category
 * @param priority how urgent (decisions may let HIGH through quiet hours per policy)
 * @param fallbackChannel the channel a diagram falls back to (best-channel uses it last)
 * @param resultVariable the variable the result is written to
 * @param retryBackoff the base backoff for retryable provider failures (doubles per attempt)
 * @param onSuppressed what a withheld touchpoint does: complete with status SUPPRESSED, or throw the BPMN error
 * @param channels best-channel only: the candidate channels, in the designer's order (empty: the template's)
 */
public record TaskSettings(
        String templateId,
        Optional<Purpose> purpose,
        Priority priority,
        Optional<Channel> fallbackChannel,
        String resultVariable,
        Duration retryBackoff,
        OnSuppressed onSuppressed,
        List<Channel> channels) {

    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(30);
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern TEMPLATE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** What a suppressed (withheld) touchpoint does to the process. */
    public enum OnSuppressed {
        /** Complete the job; the result variable says SUPPRESSED and why. Never an incident. */
        CONTINUE,
        /** Throw BPMN error TOUCHPOINT_SUPPRESSED; the journey lint requires a boundary event to catch it. */
        ERROR
    }

    public static TaskSettings parse(Map<String, String> headers) {
        String templateId = trimmed(headers.get(Headers.TEMPLATE_ID));
        if (templateId == null) {
            throw new TaskMisconfiguredException(Headers.TEMPLATE_ID, null,
                    "is missing: set it to one of the brand design system's templates (the element template offers them)");
        }
        if (!TEMPLATE_ID.matcher(templateId).matches()) {
            throw new TaskMisconfiguredException(Headers.TEMPLATE_ID, templateId, "is not a template id (lower-case letters, digits, dashes)");
        }
        Optional<Purpose> purpose = Optional.ofNullable(trimmed(headers.get(Headers.CATEGORY)))
                .map(value -> parseEnum(Headers.CATEGORY, value, Purpose.class));
        Priority priority = Optional.ofNullable(trimmed(headers.get(Headers.PRIORITY)))
                .map(value -> parseEnum(Headers.PRIORITY, value, Priority.class))
                .orElse(Priority.NORMAL);
        Optional<Channel> fallback = Optional.ofNullable(trimmed(headers.get(Headers.FALLBACK_CHANNEL)))
                .map(value -> parseEnum(Headers.FALLBACK_CHANNEL, value, Channel.class));
        String resultVariable = Optional.ofNullable(trimmed(headers.get(Headers.RESULT_VARIABLE)))
                .orElse(Outputs.DEFAULT_RESULT_VARIABLE);
        if (!VARIABLE_NAME.matcher(resultVariable).matches()) {
            throw new TaskMisconfiguredException(Headers.RESULT_VARIABLE, resultVariable, "is not a valid variable name");
        }
        Duration backoff = Optional.ofNullable(trimmed(headers.get(Headers.RETRY_BACKOFF)))
                .map(TaskSettings::parseDuration)
                .orElse(DEFAULT_RETRY_BACKOFF);
        OnSuppressed onSuppressed = Optional.ofNullable(trimmed(headers.get(Headers.ON_SUPPRESSED)))
                .map(value -> parseEnum(Headers.ON_SUPPRESSED, value, OnSuppressed.class))
                .orElse(OnSuppressed.CONTINUE);
        return new TaskSettings(templateId, purpose, priority, fallback, resultVariable, backoff, onSuppressed,
                parseChannels(headers.get(Headers.CHANNELS)));
    }

    private static List<Channel> parseChannels(String value) {
        if (trimmed(value) == null) {
            return List.of();
        }
        Set<Channel> channels = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                channels.add(parseEnum(Headers.CHANNELS, part.trim(), Channel.class));
            }
        }
        return new ArrayList<>(channels);
    }

    private static Duration parseDuration(String value) {
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative() || duration.isZero()) {
                throw new TaskMisconfiguredException(Headers.RETRY_BACKOFF, value, "must be a positive duration such as PT30S");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new TaskMisconfiguredException(Headers.RETRY_BACKOFF, value, "is not an ISO-8601 duration such as PT30S or PT5M");
        }
    }

    private static <E extends Enum<E>> E parseEnum(String header, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                allowed.add(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new TaskMisconfiguredException(header, value, "is not one of " + String.join(", ", allowed));
        }
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
