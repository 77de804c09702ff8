package dev.touchpoint.brand.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The brand's design tokens, read from W3C Design Tokens Community Group JSON files ({@code *.tokens.json}): groups,
 * {@code $type} inheritance, {@code $value}, {@code $description}, aliases ({@code "{color.palette.oak}"}), and both
 * the 2025.10 object values ({@code {"colorSpace":"srgb","components":[...]}}, {@code {"value":16,"unit":"px"}}) and
 * the older string values ({@code "#1f3d2b"}, {@code "16px"}).
 *
 * <p>Colours have two modes by convention: {@code color.light.<name>} and {@code color.dark.<name>}. Both must define
 * the same names. Kiosk pages get them as {@code --tp-color-<name>} custom properties, switched by
 * {@code prefers-color-scheme}; email inlines the light values and overrides them in a dark-mode media query.
 *
 * <p>Every CSS value is checked when loaded to contain only characters that are safe both inside an HTML
 * {@code style} attribute and inside a {@code <style>} element, so tokens can be written into templates unescaped.
 */
public final class DesignTokens {

    private static final Pattern ALIAS = Pattern.compile("^\\{([^{}]+)}$");
    private static final Pattern CSS_SAFE = Pattern.compile("[A-Za-z0-9#.,%'()\\s:;_-]*");
    private static final Pattern HEX = Pattern.compile("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})");
    private static final Pattern LEGACY_DIMENSION = Pattern.compile("(-?\\d+(?:\\.\\d+)?)(px|rem)");
    private static final Pattern LEGACY_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s)");
    private static final Pattern FONT_NAME = Pattern.compile("[A-Za-z0-9 _-]+");
    private static final Set<String> GENERIC_FAMILIES = Set.of("serif", "sans-serif", "monospace", "cursive",
            "fantasy", "system-ui", "ui-serif", "ui-sans-serif", "ui-monospace", "ui-rounded", "math", "emoji");
    private static final Map<String, Integer> FONT_WEIGHTS = Map.ofEntries(
            Map.entry("thin", 100), Map.entry("hairline", 100), Map.entry("extra-light", 200),
            Map.entry("ultra-light", 200), Map.entry("light", 300), Map.entry("normal", 400),
            Map.entry("regular", 400), Map.entry("book", 400), Map.entry("medium", 500),
            Map.entry("semi-bold", 600), Map.entry("demi-bold", 600), Map.entry("bold", 700),
            Map.entry("extra-bold", 800), Map.entry("ultra-bold", 800), Map.entry("black", 900),
            Map.entry("heavy", 900), Map.entry("extra-black", 950), Map.entry("ultra-black", 950));
    private static final String LIGHT = "color.light.";
    private static final String DARK = "color.dark.";

    private final Map<String, DesignToken> tokens;
    private final Map<String, Map<String, String>> typographyMembers;
    private final Map<String, String> styleSheets = new java.util.concurrent.ConcurrentHashMap<>();

    private DesignTokens(Map<String, DesignToken> tokens, Map<String, Map<String, String>> typographyMembers) {
        this.tokens = Collections.unmodifiableMap(tokens);
        this.typographyMembers = Collections.unmodifiableMap(typographyMembers);
    }

    /**
     * Parses token files.
     *
     * @param jsonByFile file name (for error messages) to JSON text, in load order
     * @throws InvalidTokenException naming the file and token path when anything is malformed
     */
    public static DesignTokens parse(Map<String, String> jsonByFile) {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, RawToken> raw = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : jsonByFile.entrySet()) {
            JsonNode root;
            try {
                root = mapper.readTree(file.getValue());
            } catch (IOException e) {
                throw new InvalidTokenException(file.getKey(), "", "not valid JSON: " + e.getMessage());
            }
            if (!(root instanceof ObjectNode)) {
                throw new InvalidTokenException(file.getKey(), "", "the top level must be a JSON object (a group)");
            }
            collect(file.getKey(), root, "", null, raw);
        }
        Resolver resolver = new Resolver(raw);
        Map<String, DesignToken> resolved = new LinkedHashMap<>();
        Map<String, Map<String, String>> typography = new LinkedHashMap<>();
        for (String path : raw.keySet()) {
            resolved.put(path, resolver.token(path));
        }
        for (Map.Entry<String, Map<String, String>> entry : resolver.typography.entrySet()) {
            typography.put(entry.getKey(), entry.getValue());
        }
        DesignTokens result = new DesignTokens(resolved, typography);
        result.checkColorModes(jsonByFile.keySet());
        return result;
    }

    private static void collect(String file, JsonNode group, String prefix, TokenType inheritedType,
                                Map<String, RawToken> out) {
        TokenType groupType = inheritedType;
        if (group.has("$type")) {
            groupType = typeOf(file, prefix, group.get("$type"));
        }
        for (Map.Entry<String, JsonNode> field : group.properties()) {
            String name = field.getKey();
            if (name.startsWith("$")) {
                continue;
            }
            if (name.contains(".") || name.contains("{") || name.contains("}")) {
                throw new InvalidTokenException(file, prefix + name, "token and group names must not contain . { }");
            }
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            JsonNode node = field.getValue();
            if (!node.isObject()) {
                throw new InvalidTokenException(file, path, "expected a token (with $value) or a group (an object)");
            }
            if (node.has("$value")) {
                TokenType type = node.has("$type") ? typeOf(file, path, node.get("$type")) : groupType;
                if (out.containsKey(path)) {
                    throw new InvalidTokenException(file, path, "defined twice (also in " + out.get(path).file + ")");
                }
                String description = node.has("$description") ? node.get("$description").asText() : "";
                out.put(path, new RawToken(file, path, type, node.get("$value"), description));
            } else {
                collect(file, node, path, groupType, out);
            }
        }
    }

    private static TokenType typeOf(String file, String path, JsonNode type) {
        return TokenType.fromId(type.asText()).orElseThrow(() -> new InvalidTokenException(file, path,
                "unsupported $type '" + type.asText() + "'"));
    }

    private void checkColorModes(Collection<String> files) {
        Set<String> light = new HashSet<>();
        Set<String> dark = new HashSet<>();
        for (String path : tokens.keySet()) {
            if (path.startsWith(LIGHT)) {
                light.add(path.substring(LIGHT.length()));
            } else if (path.startsWith(DARK)) {
                dark.add(path.substring(DARK.length()));
            }
        }
        Set<String> onlyLight = new HashSet<>(light);
        onlyLight.removeAll(dark);
        Set<String> onlyDark = new HashSet<>(dark);
        onlyDark.removeAll(light);
        if (!onlyLight.isEmpty() || !onlyDark.isEmpty()) {
            throw new InvalidTokenException(String.join(", ", files), "color",
                    "color.light and color.dark must define the same names; only light: " + onlyLight
                            + ", only dark: " + onlyDark);
        }
    }

    /** All tokens in file order. */
    public Collection<DesignToken> all() {
        return tokens.values();
    }

    public Optional<DesignToken> find(String path) {
        return Optional.ofNullable(tokens.get(path));
    }

    /**
     * The token at {@code path}.
     *
     * @throws IllegalArgumentException naming the path when there is no such token
     */
    public DesignToken get(String path) {
        DesignToken token = tokens.get(path);
        if (token == null) {
            throw new IllegalArgumentException("No design token '" + path + "'");
        }
        return token;
    }

    /** The CSS value of a CSS-typed token (colour, dimension, font, typography declarations...). */
    public String css(String path) {
        DesignToken token = get(path);
        if (!token.type().isCss()) {
            throw new IllegalArgumentException("Design token '" + path + "' is a " + token.type().id()
                    + " token and has no CSS value");
        }
        return token.value();
    }

    /** The value of a content token (string, uri or file). */
    public String text(String path) {
        DesignToken token = get(path);
        if (token.type().isCss()) {
            throw new IllegalArgumentException("Design token '" + path + "' is a " + token.type().id()
                    + " token, not a string, uri or file");
        }
        return token.value();
    }

    /**
     * The content tokens under a group as nested maps with camelCase keys, e.g. {@code group("brand")} gives
     * {@code {name=..., legalName=..., postalAddress=...}}. Used to expose {@code brand.*} to templates.
     */
    public Map<String, Object> group(String prefix) {
        Map<String, Object> result = new LinkedHashMap<>();
        String start = prefix + ".";
        for (DesignToken token : tokens.values()) {
            if (token.type().isCss() || !token.path().startsWith(start)) {
                continue;
            }
            String[] parts = token.path().substring(start.length()).split("\\.");
            Map<String, Object> node = result;
            for (int i = 0; i < parts.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(camelCase(parts[i]),
                        k -> new LinkedHashMap<String, Object>());
                node = child;
            }
            node.put(camelCase(parts[parts.length - 1]), token.value());
        }
        return deepUnmodifiable(result);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepUnmodifiable(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepUnmodifiable((Map<String, Object>) m) : v));
        return Collections.unmodifiableMap(copy);
    }

    static String camelCase(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-' || c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /**
     * The CSS {@code var()} reference for a token. Colour names are mode-independent: {@code color.text} refers to
     * {@code --tp-color-text}, which holds {@code color.light.text} or {@code color.dark.text}.
     */
    public String cssVar(String path) {
        if (path.startsWith("color.") && !path.startsWith(LIGHT) && !path.startsWith(DARK)
                && tokens.containsKey(LIGHT + path.substring("color.".length()))) {
            return "var(--tp-" + path.replace('.', '-') + ")";
        }
        DesignToken token = get(path);
        if (!token.type().isCss() || token.type() == TokenType.TYPOGRAPHY) {
            throw new IllegalArgumentException("Design token '" + path + "' has no single CSS custom property");
        }
        return "var(" + token.customPropertyName() + ")";
    }

    /** Typography declarations that refer to custom properties, e.g. {@code font-family:var(--tp-...-font-family);...}. */
    public String typographyVars(String path) {
        Map<String, String> members = typographyMembers.get(path);
        if (members == null) {
            throw new IllegalArgumentException("Design token '" + path + "' is not a typography token");
        }
        StringBuilder css = new StringBuilder();
        for (String property : members.keySet()) {
            if (!css.isEmpty()) {
                css.append(';');
            }
            css.append(property).append(":var(--tp-").append(path.replace('.', '-')).append('-').append(property)
                    .append(')');
        }
        return css.toString();
    }

    /**
     * The custom properties for one colour scheme. LIGHT holds every CSS token (light colours as
     * {@code --tp-color-<name>}, typography expanded into one property per member); DARK holds only the dark colours.
     * The raw palette ({@code color.palette.*}) and the voice rules ({@code voice.*}) are not exposed: screens use
     * the semantic colours.
     */
    public Map<String, String> customProperties(ColorScheme scheme) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (DesignToken token : tokens.values()) {
            if (!token.type().isCss()) {
                continue;
            }
            String path = token.path();
            if (path.startsWith("color.palette.") || path.startsWith("voice.")) {
                continue;
            }
            if (path.startsWith(DARK)) {
                if (scheme == ColorScheme.DARK) {
                    properties.put("--tp-color-" + path.substring(DARK.length()).replace('.', '-'), token.value());
                }
                continue;
            }
            if (scheme == ColorScheme.DARK) {
                continue;
            }
            if (path.startsWith(LIGHT)) {
                properties.put("--tp-color-" + path.substring(LIGHT.length()).replace('.', '-'), token.value());
            } else if (token.type() == TokenType.TYPOGRAPHY) {
                typographyMembers.get(path).forEach((property, value) ->
                        properties.put(token.customPropertyName() + "-" + property, value));
            } else {
                properties.put(token.customPropertyName(), token.value());
            }
        }
        return properties;
    }

    /**
     * A style sheet that declares every custom property on {@code selector}, with the dark colours in a
     * {@code prefers-color-scheme: dark} media query.
     */
    public String customPropertiesCss(String selector) {
        return styleSheets.computeIfAbsent(selector, this::buildCustomPropertiesCss);
    }

    private String buildCustomPropertiesCss(String selector) {
        StringBuilder css = new StringBuilder();
        css.append(selector).append("{");
        customProperties(ColorScheme.LIGHT).forEach((k, v) -> css.append(k).append(':').append(v).append(';'));
        css.append("}\n@media (prefers-color-scheme: dark){").append(selector).append("{");
        customProperties(ColorScheme.DARK).forEach((k, v) -> css.append(k).append(':').append(v).append(';'));
        css.append("}}");
        return css.toString();
    }

    /** The two colour modes. */
    public enum ColorScheme {
        LIGHT,
        DARK
    }

    private record RawToken(String file, String path, TokenType type, JsonNode value, String description) {
    }

    /** Resolves aliases (with cycle detection) and converts values to their CSS or text form. */
    private static final class Resolver {
        private final Map<String, RawToken> raw;
        private final Map<String, DesignToken> done = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> typography = new LinkedHashMap<>();
        private final List<String> resolving = new ArrayList<>();

        Resolver(Map<String, RawToken> raw) {
            this.raw = raw;
        }

        DesignToken token(String path) {
            DesignToken existing = done.get(path);
            if (existing != null) {
                return existing;
            }
            RawToken token = raw.get(path);
            if (resolving.contains(path)) {
                throw new InvalidTokenException(token.file, path, "alias cycle: " + String.join(" -> ", resolving)
                        + " -> " + path);
            }
            resolving.add(path);
            try {
                DesignToken result = convert(token);
                done.put(path, result);
                return result;
            } finally {
                resolving.removeLast();
            }
        }

        private DesignToken convert(RawToken token) {
            String alias = aliasTarget(token.value);
            if (alias != null) {
                DesignToken target = target(token, alias);
                if (token.type != null && token.type != target.type()) {
                    throw new InvalidTokenException(token.file, token.path, "is a " + token.type.id()
                            + " but its alias {" + alias + "} is a " + target.type().id());
                }
                if (target.type() == TokenType.TYPOGRAPHY) {
                    typography.put(token.path, typography.get(alias));
                }
                return new DesignToken(token.path, target.type(), target.value(), token.description, alias);
            }
            if (token.type == null) {
                throw new InvalidTokenException(token.file, token.path,
                        "has no $type (declare it on the token or a parent group)");
            }
            String value = switch (token.type) {
                case COLOR -> color(token, token.value);
                case DIMENSION -> dimension(token, token.value);
                case FONT_FAMILY -> fontFamily(token, token.value);
                case FONT_WEIGHT -> fontWeight(token, token.value);
                case NUMBER -> number(token, token.value);
                case DURATION -> duration(token, token.value);
                case TYPOGRAPHY -> typography(token);
                case STRING -> text(token);
                case URI -> uri(token);
                case FILE -> file(token);
            };
            if (token.type.isCss() && !CSS_SAFE.matcher(value).matches()) {
                throw new InvalidTokenException(token.file, token.path, "CSS value '" + value
                        + "' contains characters that are unsafe in HTML (only letters, digits, # . , % ' ( ) : ; _ -"
                        + " and spaces)");
            }
            return new DesignToken(token.path, token.type, value, token.description, null);
        }

        private DesignToken target(RawToken token, String alias) {
            if (!raw.containsKey(alias)) {
                throw new InvalidTokenException(token.file, token.path, "alias {" + alias + "} names no token");
            }
            return token(alias);
        }

        private static String aliasTarget(JsonNode value) {
            if (value != null && value.isTextual()) {
                Matcher m = ALIAS.matcher(value.asText().trim());
                if (m.matches()) {
                    return m.group(1);
                }
            }
            return null;
        }

        /** A member of a composite value: either an alias to a token of the expected type, or a literal. */
        private String member(RawToken token, JsonNode value, TokenType expected, String member) {
            String alias = aliasTarget(value);
            if (alias != null) {
                DesignToken target = target(token, alias);
                if (target.type() != expected) {
                    throw new InvalidTokenException(token.file, token.path, member + " alias {" + alias + "} is a "
                            + target.type().id() + ", expected " + expected.id());
                }
                return target.value();
            }
            return switch (expected) {
                case DIMENSION -> dimension(token, value);
                case FONT_FAMILY -> fontFamily(token, value);
                case FONT_WEIGHT -> fontWeight(token, value);
                case NUMBER -> number(token, value);
                default -> throw new IllegalStateException(expected.id());
            };
        }

        private String color(RawToken token, JsonNode value) {
            if (value.isTextual()) {
                return hexColor(token, value.asText().trim());
            }
            if (value.isObject()) {
                String space = value.path("colorSpace").asText("");
                JsonNode components = value.path("components");
                double alpha = value.path("alpha").asDouble(1.0);
                if ("srgb".equals(space) && components.isArray() && components.size() == 3) {
                    int[] rgb = new int[3];
                    for (int i = 0; i < 3; i++) {
                        double c = components.get(i).asDouble(-1);
                        if (!components.get(i).isNumber() || c < 0 || c > 1) {
                            throw new InvalidTokenException(token.file, token.path,
                                    "srgb components must be numbers between 0 and 1");
                        }
                        rgb[i] = (int) Math.round(c * 255);
                    }
                    return cssColor(rgb, alpha);
                }
                if (value.hasNonNull("hex")) {
                    String hex = hexColor(token, value.get("hex").asText());
                    if (alpha < 1.0 && hex.startsWith("#") && hex.length() == 7) {
                        int[] rgb = {Integer.parseInt(hex.substring(1, 3), 16),
                                Integer.parseInt(hex.substring(3, 5), 16), Integer.parseInt(hex.substring(5, 7), 16)};
                        return cssColor(rgb, alpha);
                    }
                    return hex;
                }
                throw new InvalidTokenException(token.file, token.path, "colour space '" + space
                        + "' needs a \"hex\" fallback: email clients only understand sRGB");
            }
            throw new InvalidTokenException(token.file, token.path, "a colour is a hex string or a colour object");
        }

        private String hexColor(RawToken token, String text) {
            if (!HEX.matcher(text).matches()) {
                throw new InvalidTokenException(token.file, token.path, "'" + text + "' is not a hex colour");
            }
            String hex = text.substring(1).toLowerCase(Locale.ROOT);
            if (hex.length() == 3) {
                hex = "" + hex.charAt(0) + hex.charAt(0) + hex.charAt(1) + hex.charAt(1) + hex.charAt(2)
                        + hex.charAt(2);
            }
            if (hex.length() == 8) {
                int[] rgb = {Integer.parseInt(hex.substring(0, 2), 16), Integer.parseInt(hex.substring(2, 4), 16),
                        Integer.parseInt(hex.substring(4, 6), 16)};
                double alpha = Integer.parseInt(hex.substring(6, 8), 16) / 255.0;
                return cssColor(rgb, alpha);
            }
            return "#" + hex;
        }

        private static String cssColor(int[] rgb, double alpha) {
            if (alpha >= 1.0) {
                return String.format(Locale.ROOT, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
            }
            return "rgba(" + rgb[0] + "," + rgb[1] + "," + rgb[2] + "," + plain(BigDecimal.valueOf(alpha)
                    .setScale(3, RoundingMode.HALF_UP)) + ")";
        }

        private String dimension(RawToken token, JsonNode value) {
            if (value.isTextual()) {
                Matcher m = LEGACY_DIMENSION.matcher(value.asText().trim());
                if (!m.matches()) {
                    throw new InvalidTokenException(token.file, token.path, "'" + value.asText()
                            + "' is not a px or rem dimension");
                }
                return plain(new BigDecimal(m.group(1))) + m.group(2);
            }
            if (value.isObject() && value.path("value").isNumber() && value.path("unit").isTextual()) {
                String unit = value.get("unit").asText();
                if (!unit.equals("px") && !unit.equals("rem")) {
                    throw new InvalidTokenException(token.file, token.path, "dimension unit must be px or rem");
                }
                return plain(value.get("value").decimalValue()) + unit;
            }
            throw new InvalidTokenException(token.file, token.path,
                    "a dimension is {\"value\": number, \"unit\": \"px\"|\"rem\"}");
        }

        private String duration(RawToken token, JsonNode value) {
            if (value.isTextual()) {
                Matcher m = LEGACY_DURATION.matcher(value.asText().trim());
                if (m.matches()) {
                    return plain(new BigDecimal(m.group(1))) + m.group(2);
                }
            } else if (value.isObject() && value.path("value").isNumber()
                    && ("ms".equals(value.path("unit").asText()) || "s".equals(value.path("unit").asText()))) {
                return plain(value.get("value").decimalValue()) + value.get("unit").asText();
            }
            throw new InvalidTokenException(token.file, token.path,
                    "a duration is {\"value\": number, \"unit\": \"ms\"|\"s\"}");
        }

        private String fontFamily(RawToken token, JsonNode value) {
            List<String> names = new ArrayList<>();
            if (value.isTextual()) {
                names.add(value.asText());
            } else if (value.isArray()) {
                value.forEach(n -> names.add(n.asText()));
            } else {
                throw new InvalidTokenException(token.file, token.path, "a font family is a string or an array");
            }
            List<String> css = new ArrayList<>();
            for (String name : names) {
                String trimmed = name.trim();
                if (!FONT_NAME.matcher(trimmed).matches()) {
                    throw new InvalidTokenException(token.file, token.path, "font name '" + name
                            + "' may only use letters, digits, spaces, - and _");
                }
                boolean bare = GENERIC_FAMILIES.contains(trimmed) || !trimmed.contains(" ");
                css.add(bare ? trimmed : "'" + trimmed + "'");
            }
            return String.join(", ", css);
        }

        private String fontWeight(RawToken token, JsonNode value) {
            if (value.isNumber() && value.asInt() >= 1 && value.asInt() <= 1000) {
                return Integer.toString(value.asInt());
            }
            if (value.isTextual() && FONT_WEIGHTS.containsKey(value.asText())) {
                return Integer.toString(FONT_WEIGHTS.get(value.asText()));
            }
            throw new InvalidTokenException(token.file, token.path,
                    "a font weight is a number from 1 to 1000 or a weight name such as bold");
        }

        private String number(RawToken token, JsonNode value) {
            if (!value.isNumber()) {
                throw new InvalidTokenException(token.file, token.path, "a number token needs a JSON number");
            }
            return plain(value.decimalValue());
        }

        private String typography(RawToken token) {
            JsonNode value = token.value;
            if (!value.isObject()) {
                throw new InvalidTokenException(token.file, token.path, "a typography value is an object");
            }
            Map<String, String> members = new LinkedHashMap<>();
            members.put("font-family", member(token, required(token, value, "fontFamily"), TokenType.FONT_FAMILY,
                    "fontFamily"));
            members.put("font-size", member(token, required(token, value, "fontSize"), TokenType.DIMENSION,
                    "fontSize"));
            members.put("font-weight", member(token, required(token, value, "fontWeight"), TokenType.FONT_WEIGHT,
                    "fontWeight"));
            members.put("line-height", member(token, required(token, value, "lineHeight"), TokenType.NUMBER,
                    "lineHeight"));
            if (value.has("letterSpacing")) {
                members.put("letter-spacing", member(token, value.get("letterSpacing"), TokenType.DIMENSION,
                        "letterSpacing"));
            }
            typography.put(token.path, Collections.unmodifiableMap(members));
            StringBuilder css = new StringBuilder();
            members.forEach((k, v) -> css.append(css.isEmpty() ? "" : ";").append(k).append(':').append(v));
            return css.toString();
        }

        private static JsonNode required(RawToken token, JsonNode value, String member) {
            if (!value.has(member)) {
                throw new InvalidTokenException(token.file, token.path, "typography needs " + member);
            }
            return value.get(member);
        }

        private String text(RawToken token) {
            if (!token.value.isTextual()) {
                throw new InvalidTokenException(token.file, token.path, "a string token needs a JSON string");
            }
            return token.value.asText();
        }

        private String uri(RawToken token) {
            String text = text(token);
            try {
                java.net.URI uri = java.net.URI.create(text.replace("{token}", "token"));
                if (uri.getScheme() == null) {
                    throw new IllegalArgumentException("no scheme");
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidTokenException(token.file, token.path, "'" + text + "' is not an absolute URI");
            }
            return text;
        }

        private String file(RawToken token) {
            String text = text(token);
            if (text.startsWith("/") || text.contains("..") || text.contains("\\") || text.isBlank()) {
                throw new InvalidTokenException(token.file, token.path,
                        "a file token is a relative path inside the brand folder");
            }
            return text;
        }

        private static String plain(BigDecimal number) {
            BigDecimal stripped = number.stripTrailingZeros();
            return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
        }
    }
}
