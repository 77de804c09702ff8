package dev.touchpoint.brand.internal;

import dev.touchpoint.brand.Money;
import dev.touchpoint.brand.VariableSpec;
import dev.touchpoint.brand.VariableType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks and normalises the variables a template declares, before anything is rendered.
 *
 * <p>Only declared variables reach the template; everything else in the customer context is ignored. Values become
 * plain data (String, Long, BigDecimal, Boolean, LocalDate, ZonedDateTime, {@link Money}, List of Map), so the
 * template engine never sees a caller's objects. Missing required values and wrong types are explicit errors; a
 * blank string counts as missing, so a message never has a blank hole.
 */
final class VariableBinder {

    /** The longest list a template may iterate over. */
    static final int MAX_LIST_ITEMS = 100;

    private VariableBinder() {
    }

    /** A variable is missing or invalid; {@code field} is its path, e.g. {@code cartItems[2].price}. */
    static final class BindingException extends RuntimeException {
        final String field;
        final boolean missing;

        BindingException(String field, boolean missing, String message) {
            super(message);
            this.field = field;
            this.missing = missing;
        }
    }

    /**
     * Binds the declared variables.
     *
     * @param specs        the declared variables
     * @param values       what the caller supplied
     * @param zone         the customer's time zone (for datetime values)
     * @param defaultText  resolves a default message key to localised text
     */
    static Map<String, Object> bind(List<VariableSpec> specs, Map<String, Object> values, ZoneId zone,
                                    Function<String, String> defaultText) {
        Map<String, Object> model = new LinkedHashMap<>();
        for (VariableSpec spec : specs) {
            Object bound = bindOne(spec, values.get(spec.name()), spec.name(), zone);
            if (bound == null) {
                if (spec.defaultValue() != null) {
                    bound = spec.defaultValue();
                } else if (spec.defaultMessage() != null) {
                    bound = defaultText.apply(spec.defaultMessage());
                } else if (spec.required()) {
                    throw new BindingException(spec.name(), true, "required " + spec.type().id() + " variable '"
                            + spec.name() + "' is missing or blank");
                }
            }
            if (bound != null) {
                model.put(spec.name(), bound);
            }
        }
        return model;
    }

    /** Normalises one value; {@code null} when the value is absent or blank. */
    static Object bindOne(VariableSpec spec, Object value, String path, ZoneId zone) {
        if (value == null) {
            return null;
        }
        try {
            return switch (spec.type()) {
                case STRING -> string(spec, value, path);
                case INTEGER -> integer(value, path);
                case NUMBER -> number(value, path);
                case BOOLEAN -> bool(value, path);
                case DATE -> date(value, path);
                case DATETIME -> dateTime(value, path, zone);
                case MONEY -> money(value, path);
                case URL -> url(value, path);
                case LIST -> list(spec, value, path, zone);
            };
        } catch (BindingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw invalid(path, spec.type(), value, e.getMessage());
        }
    }

    private static BindingException invalid(String path, VariableType type, Object value, String why) {
        String kind = value == null ? "null" : value.getClass().getSimpleName();
        return new BindingException(path, false, "variable '" + path + "' is not a valid " + type.id() + " (got a "
                + kind + (why == null ? "" : ": " + why) + ")");
    }

    private static String string(VariableSpec spec, Object value, String path) {
        String text;
        if (value instanceof CharSequence || value instanceof Character) {
            text = value.toString();
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof BigInteger) {
            text = value.toString();
        } else if (value instanceof BigDecimal decimal) {
            text = decimal.toPlainString();
        } else {
            throw invalid(path, VariableType.STRING, value, "expected text");
        }
        String clean = sanitize(text).strip();
        if (clean.isEmpty()) {
            return null;
        }
        if (spec.maxLength() != null && clean.codePointCount(0, clean.length()) > spec.maxLength()) {
            throw new BindingException(path, false, "variable '" + path + "' is longer than its maximum of "
                    + spec.maxLength() + " characters");
        }
        if (spec.pattern() != null && !clean.matches(spec.pattern())) {
            throw new BindingException(path, false, "variable '" + path + "' does not match the declared format "
                    + spec.pattern());
        }
        return clean;
    }

    /**
     * Removes characters that have no place in customer text: C0/C1 control characters (except tab and line feed),
     * and bidirectional overrides that can make text display differently from what it is.
     */
    static String sanitize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    continue;
                }
                out.append('\n');
            } else if (c == '\u2028' || c == '\u2029') {
                out.append('\n');
            } else if ((c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F)
                    || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                continue;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Long integer(Object value, String path) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.longValueExact();
        }
        if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString()).longValueExact();
        }
        if (value instanceof CharSequence text && !text.toString().isBlank()) {
            return new BigDecimal(text.toString().trim()).longValueExact();
        }
        throw invalid(path, VariableType.INTEGER, value, "expected a whole number");
    }

    private static BigDecimal number(Object value, String path) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            throw invalid(path, VariableType.NUMBER, value, "not a finite number");
        }
        if (value instanceof Number || value instanceof CharSequence) {
            return new BigDecimal(value.toString().trim());
        }
        throw invalid(path, VariableType.NUMBER, value, "expected a number");
    }

    private static Boolean bool(Object value, String path) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof CharSequence text) {
            String t = text.toString().trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return Boolean.valueOf(t);
            }
        }
        throw invalid(path, VariableType.BOOLEAN, value, "expected true or false");
    }

    private static LocalDate date(Object value, String path) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof CharSequence text) {
            try {
                return LocalDate.parse(text.toString().trim());
            } catch (DateTimeParseException e) {
                throw invalid(path, VariableType.DATE, value, "expected an ISO date such as 2026-11-24");
            }
        }
        throw invalid(path, VariableType.DATE, value, "expected a LocalDate or an ISO date");
    }

    private static ZonedDateTime dateTime(Object value, String path, ZoneId zone) {
        Instant instant;
        if (value instanceof Instant i) {
            instant = i;
        } else if (value instanceof OffsetDateTime o) {
            instant = o.toInstant();
        } else if (value instanceof ZonedDateTime z) {
            instant = z.toInstant();
        } else if (value instanceof Date d) {
            instant = d.toInstant();
        } else if (value instanceof LocalDateTime) {
            throw invalid(path, VariableType.DATETIME, value, "a LocalDateTime has no offset; pass an Instant");
        } else if (value instanceof CharSequence text) {
            try {
                instant = OffsetDateTime.parse(text.toString().trim()).toInstant();
            } catch (DateTimeParseException e) {
                throw invalid(path, VariableType.DATETIME, value,
                        "expected ISO-8601 with an offset such as 2026-11-24T15:30:00Z");
            }
        } else {
            throw invalid(path, VariableType.DATETIME, value, "expected an Instant or ISO-8601 text");
        }
        try {
            return instant.atZone(zone);
        } catch (DateTimeException e) {
            throw invalid(path, VariableType.DATETIME, value, e.getMessage());
        }
    }

    private static Money money(Object value, String path) {
        if (value instanceof Money money) {
            return money;
        }
        if (value instanceof Map<?, ?> map) {
            Object amount = map.get("amount");
            Object currency = map.get("currency");
            if (amount == null || currency == null) {
                throw invalid(path, VariableType.MONEY, value, "needs amount and currency");
            }
            BigDecimal decimal = amount instanceof Number || amount instanceof CharSequence
                    ? new BigDecimal(amount.toString().trim()) : null;
            if (decimal == null) {
                throw invalid(path, VariableType.MONEY, value, "amount must be a number");
            }
            String code = currency.toString().trim().toUpperCase(Locale.ROOT);
            if (!code.matches("[A-Z]{3}")) {
                throw invalid(path, VariableType.MONEY, value, "currency must be an ISO 4217 code");
            }
            return new Money(decimal, Currency.getInstance(code));
        }
        throw invalid(path, VariableType.MONEY, value, "expected Money or {amount, currency}");
    }

    private static String url(Object value, String path) {
        if (!(value instanceof CharSequence) && !(value instanceof URI)) {
            throw invalid(path, VariableType.URL, value, "expected text");
        }
        String text = value.toString().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw new BindingException(path, false, "variable '" + path
                        + "' must be an absolute https URL without user info");
            }
            return uri.toASCIIString();
        } catch (URISyntaxException e) {
            throw new BindingException(path, false, "variable '" + path + "' is not a valid URL: " + e.getReason());
        }
    }

    private static List<Map<String, Object>> list(VariableSpec spec, Object value, String path, ZoneId zone) {
        List<?> items;
        if (value instanceof List<?> list) {
            items = list;
        } else if (value instanceof Collection<?> collection) {
            items = new ArrayList<>(collection);
        } else if (value instanceof Object[] array) {
            items = List.of(array);
        } else {
            throw invalid(path, VariableType.LIST, value, "expected a list");
        }
        if (items.size() > MAX_LIST_ITEMS) {
            throw new BindingException(path, false, "variable '" + path + "' has " + items.size()
                    + " items; at most " + MAX_LIST_ITEMS + " are rendered");
        }
        if (items.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> result = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                throw invalid(itemPath, VariableType.LIST, items.get(i), "each item must be an object");
            }
            Map<String, Object> bound = new LinkedHashMap<>();
            for (VariableSpec field : spec.items()) {
                String fieldPath = itemPath + "." + field.name();
                Object fieldValue = bindOne(field, item.get(field.name()), fieldPath, zone);
                if (fieldValue == null) {
                    fieldValue = field.defaultValue();
                }
                if (fieldValue == null && field.required()) {
                    throw new BindingException(fieldPath, true, "required " + field.type().id() + " field '"
                            + fieldPath + "' is missing or blank");
                }
                if (fieldValue != null) {
                    bound.put(field.name(), fieldValue);
                }
            }
            result.add(java.util.Collections.unmodifiableMap(bound));
        }
        return List.copyOf(result);
    }
}
