package dev.touchpoint.channel;

import java.util.List;

/**
 * How configuration records print their secrets ({@code toString}, which Spring and loggers call on failures and in
 * diagnostics): whether a value is set, never the value.
 */
public final class Masked {

    private Masked() {
    }

    /** {@code ******} when set, {@code none} when not. */
    public static String secret(String value) {
        return value == null || value.isBlank() ? "none" : "******";
    }

    /** How many secrets a list holds, never which. */
    public static String secrets(List<String> values) {
        long set = values == null ? 0 : values.stream().filter(v -> v != null && !v.isBlank()).count();
        return set == 0 ? "none" : "[" + set + " × ******]";
    }
}
