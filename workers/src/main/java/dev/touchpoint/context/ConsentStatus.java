package dev.touchpoint.context;

import java.util.Locale;

/** The state of one consent (channel and purpose). No record at all means the customer never said. */
public enum ConsentStatus {
    GRANTED,
    WITHDRAWN;

    public static ConsentStatus parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("consent status is missing");
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "granted", "yes", "true", "opt-in", "opted-in" -> GRANTED;
            case "withdrawn", "no", "false", "opt-out", "opted-out" -> WITHDRAWN;
            default -> throw new IllegalArgumentException("unknown consent status '" + value + "' (expected granted or withdrawn)");
        };
    }
}
