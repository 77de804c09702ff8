package dev.touchpoint.channel.gsm;

/**
 * The GSM 03.38 (3GPP TS 23.038) default alphabet and its extension table, as Unicode. Characters of the basic table
 * take one septet; characters of the extension table ({@code ^ { } \ [ ~ ] | €} and form feed) are sent as ESC plus a
 * septet and take two.
 */
public final class Gsm7Alphabet {

    /** The 127 printable characters of the basic table (position 0x1B, ESC, is not a character). */
    static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /** The extension table characters reachable with ESC. */
    static final String EXTENSION = "\f^{}\\[~]|€";

    private static final boolean[] BASIC_BMP = new boolean[0x10000];
    private static final boolean[] EXTENSION_BMP = new boolean[0x10000];

    static {
        BASIC.chars().forEach(c -> BASIC_BMP[c] = true);
        EXTENSION.chars().forEach(c -> EXTENSION_BMP[c] = true);
    }

    private Gsm7Alphabet() {
    }

    /** True for characters of the basic table (one septet). */
    public static boolean isBasic(int codePoint) {
        return codePoint >= 0 && codePoint < 0x10000 && BASIC_BMP[codePoint];
    }

    /** True for characters of the extension table (two septets). */
    public static boolean isExtension(int codePoint) {
        return codePoint >= 0 && codePoint < 0x10000 && EXTENSION_BMP[codePoint];
    }

    /** True when the character can be sent in GSM-7. */
    public static boolean contains(int codePoint) {
        return isBasic(codePoint) || isExtension(codePoint);
    }

    /** Septets needed for one character, or -1 when it is not in GSM-7. */
    public static int septets(int codePoint) {
        if (isBasic(codePoint)) {
            return 1;
        }
        return isExtension(codePoint) ? 2 : -1;
    }
}
