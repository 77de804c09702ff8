package dev.touchpoint.channel.email;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Signs a message with DKIM (RFC 6376): {@code rsa-sha256}, {@code relaxed/relaxed} canonicalisation, the signature
 * header prepended. Covers {@code List-Unsubscribe} and {@code List-Unsubscribe-Post} as RFC 8058 section 4 requires.
 * Works on the exact bytes that are transmitted, so the message must not be re-encoded afterwards.
 */
public final class DkimSigner {

    /** Headers signed when present, in this order. */
    public static final List<String> DEFAULT_SIGNED_HEADERS = List.of("from", "reply-to", "subject", "date", "to",
            "cc", "message-id", "mime-version", "content-type", "content-transfer-encoding", "list-unsubscribe",
            "list-unsubscribe-post");

    private static final Pattern WSP_RUN = Pattern.compile("[ \t]+");

    private final String domain;
    private final String selector;
    private final PrivateKey key;
    private final List<String> signedHeaders;
    private final Clock clock;

    public DkimSigner(String domain, String selector, PrivateKey key, List<String> signedHeaders, Clock clock) {
        this.domain = requireToken(domain, "domain");
        this.selector = requireToken(selector, "selector");
        this.key = Objects.requireNonNull(key, "key");
        if (!(key instanceof RSAPrivateKey rsa) || rsa.getModulus().bitLength() < 1024) {
            throw new IllegalArgumentException("a DKIM key must be RSA with at least 1024 bits (2048 recommended)");
        }
        this.signedHeaders = signedHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT).strip()).toList();
        if (!this.signedHeaders.contains("from")) {
            throw new IllegalArgumentException("DKIM must sign the From header");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reads an unencrypted PKCS#8 PEM RSA key ({@code -----BEGIN PRIVATE KEY-----}). */
    public static PrivateKey readPrivateKey(String pem) {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("the DKIM key is PKCS#1: convert it with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pkcs8.pem'");
        }
        if (!pem.contains("BEGIN PRIVATE KEY")) {
            throw new IllegalArgumentException("the DKIM key must be an unencrypted PKCS#8 PEM (BEGIN PRIVATE KEY)");
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the DKIM key could not be read as an RSA PKCS#8 key", e);
        }
    }

    public String domain() {
        return domain;
    }

    public String selector() {
        return selector;
    }

    /**
     * The message with a {@code DKIM-Signature} header prepended.
     *
     * @param message the complete message with CRLF line ends, as it will be transmitted
     */
    public byte[] sign(byte[] message) {
        int split = indexOf(message, new byte[] {'\r', '\n', '\r', '\n'});
        String headerBlock = new String(message, 0, split < 0 ? message.length : split + 2,
                StandardCharsets.ISO_8859_1);
        byte[] body = split < 0 ? new byte[0] : Arrays.copyOfRange(message, split + 4, message.length);

        List<String[]> fields = parseHeaders(headerBlock);
        List<String> names = new ArrayList<>();
        StringBuilder signedData = new StringBuilder();
        Map<String, Integer> used = new HashMap<>();
        for (String name : signedHeaders) {
            String[] field = lastUnused(fields, name, used);
            if (field != null) {
                names.add(name);
                signedData.append(relaxedHeader(field[0], field[1])).append("\r\n");
            }
        }
        String bodyHash = Base64.getEncoder().encodeToString(sha256(relaxedBody(body)));
        String unsigned = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector + ";\r\n\tt="
                + clock.instant().getEpochSecond() + "; h=" + String.join(":", names) + ";\r\n\tbh=" + bodyHash
                + ";\r\n\tb=";
        signedData.append(relaxedHeader("DKIM-Signature", unsigned));
        String signature = Base64.getEncoder().encodeToString(rsaSha256(signedData.toString()));

        StringBuilder header = new StringBuilder("DKIM-Signature: ").append(unsigned);
        for (int i = 0; i < signature.length(); i += 72) {
            if (i > 0) {
                header.append("\r\n\t");
            }
            header.append(signature, i, Math.min(signature.length(), i + 72));
        }
        header.append("\r\n");
        byte[] prefix = header.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(message, 0, signed, prefix.length, message.length);
        return signed;
    }

    /** RFC 6376 3.4.4: WSP runs to one space, no WSP at line ends, no empty lines at the end, CRLF-terminated. */
    static byte[] relaxedBody(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n", -1);
        int end = lines.length;
        List<String> canonical = new ArrayList<>(end);
        for (String line : lines) {
            canonical.add(stripTrailing(WSP_RUN.matcher(line).replaceAll(" ")));
        }
        while (end > 0 && canonical.get(end - 1).isEmpty()) {
            end--;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < end; i++) {
            out.append(canonical.get(i)).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** RFC 6376 3.4.2: lower-case name, unfolded value with WSP runs as one space, trimmed, no CRLF. */
    static String relaxedHeader(String name, String value) {
        String unfolded = value.replace("\r\n", "");
        return name.strip().toLowerCase(Locale.ROOT) + ":" + WSP_RUN.matcher(unfolded).replaceAll(" ").strip();
    }

    /** Header fields as {name, raw value including folding}, in message order. */
    private static List<String[]> parseHeaders(String block) {
        List<String[]> fields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : block.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append("\r\n").append(line);
            } else {
                if (current != null) {
                    fields.add(splitField(current.toString()));
                }
                current = new StringBuilder(line);
            }
        }
        if (current != null) {
            fields.add(splitField(current.toString()));
        }
        return fields;
    }

    private static String[] splitField(String field) {
        int colon = field.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a header line without a colon cannot be signed");
        }
        return new String[] {field.substring(0, colon), field.substring(colon + 1)};
    }

    /** RFC 6376 5.4.2: multiple instances are signed from the bottom up. */
    private static String[] lastUnused(List<String[]> fields, String name, Map<String, Integer> used) {
        int skip = used.getOrDefault(name, 0);
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (fields.get(i)[0].strip().equalsIgnoreCase(name)) {
                if (skip == 0) {
                    used.merge(name, 1, Integer::sum);
                    return fields.get(i);
                }
                skip--;
            }
        }
        return null;
    }

    private byte[] rsaSha256(String data) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(data.getBytes(StandardCharsets.ISO_8859_1));
            return rsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DKIM signing failed", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String stripTrailing(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        return line.substring(0, end);
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String requireToken(String value, String name) {
        if (value == null || value.isBlank() || !value.strip().matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("DKIM " + name + " must be a plain DNS label sequence");
        }
        return value.strip();
    }
}
