package dev.touchpoint.channel.sms;

/**
 * How many SMS segments a body takes (3GPP TS 23.038): GSM-7 bodies fit 160 septets in one segment and 153 per
 * segment when concatenated (characters of the extension table take two septets); anything else is sent as UCS-2
 * with 70 UTF-16 code units in one segment and 67 per segment when concatenated. The rate limiter counts segments,
 * as carriers and Twilio's queues do. (The brand design system has its own budget check for authors; this one only
 * needs to be right for throughput.)
 */
public final class SmsSegments {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    private SmsSegments() {
    }

    /** Whether the body can be sent in the GSM-7 alphabet. */
    public static boolean isGsm7(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The number of segments the body is sent in (at least 1). */
    public static int count(String body) {
        if (body.isEmpty()) {
            return 1;
        }
        if (isGsm7(body)) {
            int septets = 0;
            for (int i = 0; i < body.length(); i++) {
                septets += GSM_EXTENSION.indexOf(body.charAt(i)) >= 0 ? 2 : 1;
            }
            return septets <= 160 ? 1 : (septets + 152) / 153;
        }
        int units = body.length();
        return units <= 70 ? 1 : (units + 66) / 67;
    }
}
