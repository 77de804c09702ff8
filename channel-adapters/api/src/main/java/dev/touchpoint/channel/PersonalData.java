package dev.touchpoint.channel;

import java.util.regex.Pattern;

/**
 * Removes personal data from text that may end up in logs: vendor error messages quote the recipient's address or
 * number ("The 'To' number +15005550001 is not a valid phone number", "550 5.1.1 &lt;bob@example.com&gt;: user
 * unknown"). Adapters scrub every vendor text before it goes into a {@link DeliveryFailure}.
 */
public final class PersonalData {

    /** What replaces a scrubbed value. */
    public static final String REDACTED = "[redacted]";

    private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+");
    /** A phone number: an optional +, then at least 7 digits, possibly separated by spaces, dots or dashes. */
    private static final Pattern PHONE = Pattern.compile("\\+?\\d(?:[\\s.\\-]?\\d){6,}");

    private PersonalData() {
    }

    /**
     * The text with the given known values (the recipient, the sender's own number is fine to keep) and anything that
     * looks like an e-mail address or a phone number replaced by {@value #REDACTED}. {@code null} stays {@code null}.
     */
    public static String scrub(String text, String... known) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String value : known) {
            if (value != null && !value.isBlank()) {
                result = result.replace(value, REDACTED);
            }
        }
        result = EMAIL.matcher(result).replaceAll(REDACTED);
        return PHONE.matcher(result).replaceAll(REDACTED);
    }

    /**
     * A stand-in for a vendor exception that keeps its type name, stack trace and cause chain but scrubs every
     * message, so the failure can be logged with its stack trace. {@code null} stays {@code null}.
     */
    public static Throwable scrub(Throwable vendorException, String... known) {
        if (vendorException == null) {
            return null;
        }
        Throwable cause = vendorException.getCause() == vendorException ? null : vendorException.getCause();
        ScrubbedException copy = new ScrubbedException(vendorException.getClass().getName(),
                scrub(vendorException.getMessage(), known), scrub(cause, known));
        copy.setStackTrace(vendorException.getStackTrace());
        return copy;
    }

    /** A vendor exception with its messages scrubbed: {@link #toString()} shows the original type. */
    public static final class ScrubbedException extends RuntimeException {

        private final String originalType;

        ScrubbedException(String originalType, String message, Throwable cause) {
            super(message, cause);
            this.originalType = originalType;
        }

        /** The class name of the vendor exception this stands in for. */
        public String originalType() {
            return originalType;
        }

        @Override
        public String toString() {
            return getMessage() == null ? originalType : originalType + ": " + getMessage();
        }
    }
}
