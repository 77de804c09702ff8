package dev.touchpoint.context;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A daily window of local time in which a channel stays silent, for example 21:00-08:00. The window starts at
 * {@code start} (inclusive) and ends at {@code end} (exclusive); when {@code start} is after {@code end} it wraps past
 * midnight. {@code start == end} means no quiet hours ({@link #NONE}). Times are whole minutes.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public static final QuietHours NONE = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        start = start.truncatedTo(ChronoUnit.MINUTES);
        end = end.truncatedTo(ChronoUnit.MINUTES);
    }

    /** Parses {@code "21:00-08:00"}; {@code "none"}, {@code "off"} or blank give {@link #NONE}. */
    public static QuietHours parse(String text) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("none") || text.trim().equalsIgnoreCase("off")) {
            return NONE;
        }
        String[] parts = text.trim().split("\\s*-\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("quiet hours '" + text + "' are not of the form HH:mm-HH:mm");
        }
        try {
            return new QuietHours(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("quiet hours '" + text + "' are not of the form HH:mm-HH:mm");
        }
    }

    public boolean isNone() {
        return start.equals(end);
    }

    /** Whether the local time of day falls inside the window. */
    public boolean contains(LocalTime time) {
        if (isNone()) {
            return false;
        }
        if (start.isBefore(end)) {
            return !time.isBefore(start) && time.isBefore(end);
        }
        return !time.isBefore(start) || time.isBefore(end);
    }

    /** Whether the instant falls inside the window in the given time zone. */
    public boolean contains(Instant instant, ZoneId zone) {
        return contains(instant.atZone(zone).toLocalTime());
    }

    /**
     * The first instant after {@code instant} at which this window is over, or {@code instant} itself when it is not
     * inside the window. Daylight-saving gaps move the end forward; in an overlap the later occurrence is used when
     * the earlier one is not after {@code instant}.
     */
    public Instant endOfWindow(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        if (!contains(time)) {
            return instant;
        }
        LocalDate endDate = local.toLocalDate();
        if (start.isAfter(end) && !time.isBefore(start)) {
            endDate = endDate.plusDays(1);
        }
        ZonedDateTime candidate = ZonedDateTime.of(endDate, end, zone);
        if (!candidate.toInstant().isAfter(instant)) {
            candidate = candidate.withLaterOffsetAtOverlap();
        }
        if (!candidate.toInstant().isAfter(instant)) {
            candidate = ZonedDateTime.of(endDate.plusDays(1), end, zone);
        }
        return candidate.toInstant();
    }

    @Override
    public String toString() {
        return isNone() ? "none" : start + "-" + end;
    }
}
