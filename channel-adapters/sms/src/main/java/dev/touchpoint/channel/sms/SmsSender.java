package dev.touchpoint.channel.sms;

import java.util.regex.Pattern;

/**
 * Who an SMS is sent from: a Twilio Messaging Service (which picks a number from its sender pool) or one From
 * number, short code or alphanumeric sender id. With both, Twilio sends from that number of the service's pool.
 *
 * @param messagingServiceSid {@code MG...}, or {@code null}
 * @param from                E.164 number, short code or alphanumeric sender id, or {@code null}
 */
public record SmsSender(String messagingServiceSid, String from) {

    static final Pattern MESSAGING_SERVICE_SID = Pattern.compile("^MG[0-9a-fA-F]{32}$");
    static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{6,14}$");
    static final Pattern SHORT_CODE = Pattern.compile("^\\d{3,8}$");
    static final Pattern ALPHANUMERIC = Pattern.compile("^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$");

    /** The kind of sender, which decides Twilio's per-sender queue rate. */
    public enum Kind {
        MESSAGING_SERVICE, LONG_CODE, TOLL_FREE, SHORT_CODE, ALPHANUMERIC
    }

    public SmsSender {
        messagingServiceSid = blankToNull(messagingServiceSid);
        from = blankToNull(from);
        if (messagingServiceSid == null && from == null) {
            throw new IllegalArgumentException("an SMS sender needs a messaging service SID or a From number");
        }
        if (messagingServiceSid != null && !MESSAGING_SERVICE_SID.matcher(messagingServiceSid).matches()) {
            throw new IllegalArgumentException("a messaging service SID looks like MG followed by 32 hex digits");
        }
        if (from != null && !(E164.matcher(from).matches() || SHORT_CODE.matcher(from).matches()
                || ALPHANUMERIC.matcher(from).matches())) {
            throw new IllegalArgumentException("From must be an E.164 number, a short code or an alphanumeric id");
        }
    }

    public static SmsSender messagingService(String sid) {
        return new SmsSender(sid, null);
    }

    public static SmsSender number(String from) {
        return new SmsSender(null, from);
    }

    /** The key the rate limiter counts under: the messaging service if there is one, else the number. */
    public String key() {
        return messagingServiceSid != null ? messagingServiceSid : from;
    }

    public Kind kind() {
        if (messagingServiceSid != null) {
            return Kind.MESSAGING_SERVICE;
        }
        if (SHORT_CODE.matcher(from).matches()) {
            return Kind.SHORT_CODE;
        }
        if (ALPHANUMERIC.matcher(from).matches()) {
            return Kind.ALPHANUMERIC;
        }
        return isNorthAmericanTollFree(from) ? Kind.TOLL_FREE : Kind.LONG_CODE;
    }

    private static boolean isNorthAmericanTollFree(String e164) {
        if (!e164.startsWith("+1") || e164.length() < 5) {
            return false;
        }
        return switch (e164.substring(2, 5)) {
            case "800", "833", "844", "855", "866", "877", "888" -> true;
            default -> false;
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
