package dev.touchpoint.brand.internal;

import dev.touchpoint.brand.TemplateDefinitionException;
import dev.touchpoint.brand.tokens.DesignToken;
import dev.touchpoint.brand.tokens.DesignTokens;
import dev.touchpoint.brand.tokens.InvalidTokenException;
import dev.touchpoint.brand.tokens.TokenType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The brand's design tokens and the bundled files its file tokens name, loaded and checked once: every token the
 * renderer and the channel rules rely on exists, the sender and unsubscribe tokens are well-formed, and bundled files
 * are images without active content, kept as {@code data:} URIs for kiosk screens.
 */
final class BrandAssets {

    private static final Pattern SMS_SENDER = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}");
    private static final List<String> REQUIRED_TOKENS = List.of("brand.name", "brand.legal-name",
            "brand.postal-address", "brand.website", "sender.email.marketing.name", "sender.email.marketing.address",
            "sender.email.transactional.name", "sender.email.transactional.address", "sender.email.reply-to.name",
            "sender.email.reply-to.address", "sender.sms.alphanumeric-id", "sender.sms.brand-name",
            "sender.push.android-channel.marketing", "sender.push.android-channel.transactional",
            "link.unsubscribe.https", "link.unsubscribe.mailto", "link.app-scheme", "voice.max-exclamation-marks");

    private final DesignTokens tokens;
    private final Map<String, String> dataUris;

    private BrandAssets(DesignTokens tokens, Map<String, String> dataUris) {
        this.tokens = tokens;
        this.dataUris = dataUris;
    }

    /** Loads the token files the manifest lists and the files of every file token. */
    static BrandAssets load(ResourceSource source, List<String> tokenFiles) {
        DesignTokens tokens = loadTokens(source, tokenFiles);
        checkRequiredTokens(tokens);
        return new BrandAssets(tokens, loadDataUris(source, tokens));
    }

    DesignTokens tokens() {
        return tokens;
    }

    /** The {@code data:} URI of the bundled file a file token names. */
    String dataUri(String tokenPath) {
        String uri = dataUris.get(tokenPath);
        if (uri == null) {
            throw new IllegalArgumentException("token " + tokenPath + " is not a bundled file");
        }
        return uri;
    }

    private static DesignTokens loadTokens(ResourceSource source, List<String> files) {
        Map<String, String> contents = new LinkedHashMap<>();
        for (String file : files) {
            contents.put(file, source.text(file).orElseThrow(() ->
                    new TemplateDefinitionException(file, "listed in brand.json but missing")));
        }
        try {
            return DesignTokens.parse(contents);
        } catch (InvalidTokenException e) {
            throw new TemplateDefinitionException(e.file(), e.getMessage(), e);
        }
    }

    private static void checkRequiredTokens(DesignTokens tokens) {
        for (String path : REQUIRED_TOKENS) {
            if (tokens.find(path).isEmpty()) {
                throw new TemplateDefinitionException("tokens", "the brand must define token '" + path + "'");
            }
        }
        String sender = tokens.text("sender.sms.alphanumeric-id");
        if (!SMS_SENDER.matcher(sender).matches()) {
            throw new TemplateDefinitionException("tokens", "sender.sms.alphanumeric-id '" + sender
                    + "' must be 1-11 letters, digits or spaces with at least one letter");
        }
        for (String path : List.of("link.unsubscribe.https", "link.unsubscribe.mailto")) {
            if (!tokens.text(path).contains("{token}")) {
                throw new TemplateDefinitionException("tokens", path + " must contain the {token} placeholder");
            }
        }
        if (!tokens.text("link.unsubscribe.https").startsWith("https://")) {
            throw new TemplateDefinitionException("tokens", "link.unsubscribe.https must be an https URL");
        }
        if (!tokens.text("link.unsubscribe.mailto").startsWith("mailto:")) {
            throw new TemplateDefinitionException("tokens", "link.unsubscribe.mailto must be a mailto URI");
        }
    }

    private static Map<String, String> loadDataUris(ResourceSource source, DesignTokens tokens) {
        Map<String, String> dataUris = new LinkedHashMap<>();
        for (DesignToken token : tokens.all()) {
            if (token.type() != TokenType.FILE) {
                continue;
            }
            byte[] bytes = source.bytes(token.value()).orElseThrow(() -> new TemplateDefinitionException(
                    token.value(), "file of token " + token.path() + " is missing"));
            String name = token.value().toLowerCase(Locale.ROOT);
            String mime;
            if (name.endsWith(".svg")) {
                mime = "image/svg+xml";
                String svg = new String(bytes, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                if (svg.contains("<script") || svg.matches("(?s).*\\son[a-z]+\\s*=.*") || svg.contains("href=\"http")
                        || svg.contains("<foreignobject")) {
                    throw new TemplateDefinitionException(token.value(), "SVG assets must not contain scripts, event"
                            + " handlers, foreign objects or external references");
                }
            } else if (name.endsWith(".png")) {
                mime = "image/png";
            } else if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
                mime = "image/jpeg";
            } else if (name.endsWith(".webp")) {
                mime = "image/webp";
            } else {
                throw new TemplateDefinitionException(token.value(), "bundled assets must be svg, png, jpeg or webp");
            }
            // The base64 alphabet and this prefix need no HTML escaping, so templates print data URIs as they are.
            dataUris.put(token.path(), "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes));
        }
        return Map.copyOf(dataUris);
    }
}
