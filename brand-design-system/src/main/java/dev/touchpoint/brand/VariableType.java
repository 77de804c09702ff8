package dev.touchpoint.brand;

import java.util.Locale;

/** The types a template variable can declare. Values are checked and normalised before rendering. */
public enum VariableType {
    /** Text. Control characters other than tab and line feed are removed. */
    STRING,
    /** A whole number (Java integral types or a numeric string). */
    INTEGER,
    /** A decimal number; print it with {@code formatNumber}. */
    NUMBER,
    BOOLEAN,
    /** A calendar date, {@link java.time.LocalDate} or ISO-8601 {@code 2026-11-24}; print with {@code formatDate}. */
    DATE,
    /**
     * An instant, {@link java.time.Instant}/{@link java.time.OffsetDateTime}/{@link java.time.ZonedDateTime} or ISO-8601
     * with offset; printed in the request's time zone with {@code formatDateTime}/{@code formatTime}.
     */
    DATETIME,
    /** {@link Money} or {@code {"amount": ..., "currency": "EUR"}}; print with {@code formatMoney}. */
    MONEY,
    /** An absolute https URL (anything else is rejected, so a value can never become a {@code javascript:} link). */
    URL,
    /** A list of objects whose fields are declared as {@code items}. */
    LIST;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VariableType fromId(String id) {
        for (VariableType type : values()) {
            if (type.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown variable type '" + id + "'");
    }
}
