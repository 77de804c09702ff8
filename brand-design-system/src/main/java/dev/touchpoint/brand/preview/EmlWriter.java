package dev.touchpoint.brand.preview;

import dev.touchpoint.brand.RenderedEmail;
import dev.touchpoint.brand.SenderIdentity;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes a {@link RenderedEmail} as an RFC 5322 / MIME message ({@code .eml}) without a mail library: a
 * {@code multipart/alternative} with the plain-text and the HTML part, both UTF-8 in quoted-printable, RFC 2047
 * encoded-words for non-ASCII header text, folded headers, CRLF line ends and 7-bit clean output.
 *
 * <p>This exists for previews (open the file in any mail client) and keeps Jakarta Mail out of the design system;
 * the email channel adapter builds the real message with Jakarta Mail from the same {@link RenderedEmail}.
 */
public final class EmlWriter {

    private static final String CRLF = "\r\n";
    private static final int MAX_LINE = 76;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.ENGLISH);

    private EmlWriter() {
    }

    /**
     * The message as text with CRLF line ends (every character is 7-bit ASCII).
     *
     * @param email the rendered email
     * @param to    the recipient shown in the preview
     * @param date  the Date header
     */
    public static String write(RenderedEmail email, SenderIdentity to, ZonedDateTime date) {
        Objects.requireNonNull(email, "email");
        String sha = email.fingerprint().sha256();
        String boundary = "=_tp_" + sha.substring(0, 32);
        String domain = email.from().address().substring(email.from().address().indexOf('@') + 1);
        StringBuilder out = new StringBuilder(email.html().length() * 2);
        header(out, "Date", DATE.format(date));
        header(out, "From", address(email.from()));
        header(out, "Reply-To", address(email.replyTo()));
        header(out, "To", address(to));
        header(out, "Subject", unstructured(email.subject(), "Subject".length()));
        header(out, "Message-ID", "<" + sha.substring(0, 24) + "." + email.fingerprint().templateId() + "@"
                + domain + ">");
        header(out, "MIME-Version", "1.0");
        header(out, "Content-Language", email.fingerprint().locale());
        email.listUnsubscribe().ifPresent(unsubscribe -> {
            header(out, "List-Unsubscribe", unsubscribe.headerValue());
            header(out, "List-Unsubscribe-Post", unsubscribe.postHeaderValue());
        });
        header(out, "X-Touchpoint-Template", email.fingerprint().templateId() + "/"
                + email.fingerprint().templateVersion());
        header(out, "X-Touchpoint-Fingerprint", "sha256=" + sha);
        header(out, "Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
        out.append(CRLF);
        out.append("This is a multi-part message in MIME format.").append(CRLF);
        part(out, boundary, "text/plain", email.text());
        part(out, boundary, "text/html", email.html());
        out.append("--").append(boundary).append("--").append(CRLF);
        return out.toString();
    }

    /** The message as bytes, ready to save as {@code .eml}. */
    public static byte[] bytes(RenderedEmail email, SenderIdentity to, ZonedDateTime date) {
        return write(email, to, date).getBytes(StandardCharsets.US_ASCII);
    }

    private static void part(StringBuilder out, String boundary, String type, String content) {
        out.append("--").append(boundary).append(CRLF);
        out.append("Content-Type: ").append(type).append("; charset=UTF-8").append(CRLF);
        out.append("Content-Transfer-Encoding: quoted-printable").append(CRLF);
        out.append(CRLF);
        out.append(quotedPrintable(content));
        out.append(CRLF);
    }

    /** A mailbox: {@code "Display Name" <address>} or {@code =?UTF-8?B?...?= <address>} when not ASCII. */
    static String address(SenderIdentity identity) {
        String name = identity.displayName();
        String phrase;
        if (isAscii(name)) {
            phrase = "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        } else {
            phrase = encodedWords(name, 6);
        }
        return phrase + " <" + identity.address() + ">";
    }

    /** Unstructured header text: as is when short ASCII, else RFC 2047 B encoded-words. */
    static String unstructured(String text, int nameLength) {
        if (isAscii(text) && !text.contains("=?")) {
            return text;
        }
        return encodedWords(text, nameLength + 2);
    }

    /**
     * RFC 2047 "B" encoded-words of UTF-8, each at most 75 characters, never splitting a character, separated by
     * folding whitespace.
     */
    static String encodedWords(String text, int firstLineOffset) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            // Lines with encoded-words stay within 76 characters: 12 characters of =?UTF-8?B? and ?=, and 4 base64
            // characters per 3 bytes.
            int room = out.isEmpty() ? 76 - firstLineOffset - 12 : 76 - 1 - 12;
            int maxBytes = Math.max(3, room / 4 * 3);
            int end = i;
            int bytes = 0;
            while (end < text.length()) {
                int cp = text.codePointAt(end);
                int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                if (bytes + size > maxBytes && end > i) {
                    break;
                }
                bytes += size;
                end += Character.charCount(cp);
            }
            String chunk = text.substring(i, end);
            if (!out.isEmpty()) {
                out.append(CRLF).append(' ');
            }
            out.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(chunk.getBytes(
                    StandardCharsets.UTF_8))).append("?=");
            i = end;
        }
        return out.toString();
    }

    /** Writes {@code Name: value} and folds the line at spaces when it is longer than 78 characters. */
    private static void header(StringBuilder out, String name, String value) {
        String line = name + ": " + value;
        if (line.contains(CRLF)) {
            out.append(line).append(CRLF);
            return;
        }
        while (line.length() > 78) {
            int cut = line.lastIndexOf(' ', 78);
            if (cut <= name.length() + 1) {
                cut = line.indexOf(' ', 79);
                if (cut < 0) {
                    break;
                }
            }
            out.append(line, 0, cut).append(CRLF);
            line = line.substring(cut);
        }
        out.append(line).append(CRLF);
    }

    /**
     * Quoted-printable (RFC 2045 6.7) of UTF-8 text: line breaks become CRLF, lines at most 76 characters with soft
     * breaks, trailing whitespace and a leading dot encoded.
     */
    static String quotedPrintable(String text) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 4);
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            byte[] bytes = lines[l].getBytes(StandardCharsets.UTF_8);
            int lineLength = 0;
            for (int b = 0; b < bytes.length; b++) {
                int value = bytes[b] & 0xFF;
                boolean last = b == bytes.length - 1;
                String encoded;
                if ((value == ' ' || value == '\t') && last) {
                    encoded = hex(value);
                } else if (value == '.' && lineLength == 0) {
                    encoded = hex(value);
                } else if ((value >= 33 && value <= 126 && value != '=') || value == ' ' || value == '\t') {
                    encoded = String.valueOf((char) value);
                } else {
                    encoded = hex(value);
                }
                if (lineLength + encoded.length() > MAX_LINE - 1) {
                    out.append('=').append(CRLF);
                    lineLength = 0;
                    if (value == '.') {
                        encoded = hex(value);
                    }
                }
                out.append(encoded);
                lineLength += encoded.length();
            }
            if (l < lines.length - 1) {
                out.append(CRLF);
            }
        }
        return out.toString();
    }

    private static String hex(int value) {
        return String.format("=%02X", value);
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
    }
}
