package dev.touchpoint.channel;

/** Argument checks shared by the value types of this package. */
final class Require {

    private Require() {
    }

    static String notBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    static String nullIfBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
