package dev.touchpoint.brand.internal;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.TagType;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.cache.ConcurrentMapTemplateCache;
import com.github.jknack.handlebars.io.AbstractTemplateLoader;
import com.github.jknack.handlebars.io.StringTemplateSource;
import com.github.jknack.handlebars.io.TemplateSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoint.brand.Category;
import dev.touchpoint.brand.Channel;
import dev.touchpoint.brand.TemplateDefinitionException;
import dev.touchpoint.brand.TemplateDescriptor;
import dev.touchpoint.brand.VariableSpec;
import dev.touchpoint.brand.VariableType;
import dev.touchpoint.brand.tokens.DesignToken;
import dev.touchpoint.brand.tokens.DesignTokens;
import dev.touchpoint.brand.tokens.InvalidTokenException;
import dev.touchpoint.brand.tokens.TokenType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loaded brand: manifest, tokens, bundled assets, layouts and partials, brand messages and every touchpoint
 * template, all parsed, checked and compiled once. Immutable and thread-safe after construction.
 *
 * <p>Layout of a brand folder:
 * <pre>
 * brand.json                         manifest: locales, token files, partials, templates
 * tokens/*.tokens.json               W3C design tokens
 * assets/*                           bundled files (kiosk logo, illustrations)
 * layouts/*.hbs, partials/*.hbs      shared layouts and partials (listed in brand.json)
 * locales/&lt;locale&gt;.json              brand messages (footer, sign-off, opt-out...), used as brand.*
 * templates/&lt;id&gt;/template.json       descriptor
 * templates/&lt;id&gt;/email.json, email.html.hbs, [email.text.hbs], sms.hbs, push.json, kiosk.json
 * templates/&lt;id&gt;/locales/&lt;locale&gt;.json  messages
 * templates/&lt;id&gt;/samples.json        preview data
 * </pre>
 */
public final class Brand {

    static final String MESSAGE_PREFIX = "brand.";
    private static final Pattern TEMPLATE_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern PARTIAL_NAME = Pattern.compile("(layouts|partials)/[a-z][a-z0-9-]*");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[a-z][A-Za-z0-9]*");
    private static final Pattern MESSAGE_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern T_CALL = Pattern.compile("[{(]~?\\s*t\\s+[\"']([^\"']+)[\"']");
    private static final Pattern PLURAL_CALL = Pattern.compile("[{(]~?\\s*plural\\s+[^\\s}]+\\s+[\"']([^\"']+)[\"']");
    private static final Pattern HASH_KEY = Pattern.compile("\\s([a-zA-Z_][A-Za-z0-9_]*)=");
    private static final Pattern SMS_SENDER = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}");
    private static final Pattern CONSTANT_HELPER = Pattern.compile(
            "\\{\\{\\s*(token|tokenVar|typographyVars|cssCustomProperties|dataUri|uri)\\s+([\"'])([^\"'{}]+)\\2\\s*}}");
    private static final Set<String> PLURAL_FORMS = Set.of("zero", "one", "two", "few", "many");
    private static final Set<String> BUILTIN_HELPERS = Set.of("if", "unless", "each", "with", "lookup", "block",
            "partial");
    private static final Set<String> RESERVED_ROOTS = Set.of("brand", "touchpoint", "screen", "this", "count", "survey");
    private static final List<String> REQUIRED_TOKENS = List.of("brand.name", "brand.legal-name",
            "brand.postal-address", "brand.website", "sender.email.marketing.name", "sender.email.marketing.address",
            "sender.email.transactional.name", "sender.email.transactional.address", "sender.email.reply-to.name",
            "sender.email.reply-to.address", "sender.sms.alphanumeric-id", "sender.sms.brand-name",
            "sender.push.android-channel.marketing", "sender.push.android-channel.transactional",
            "link.unsubscribe.https", "link.unsubscribe.mailto", "link.app-scheme", "voice.max-exclamation-marks");

    private final ResourceSource source;
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> locales;
    private final String defaultLocale;
    private final int defaultSegmentBudget;
    private final DesignTokens tokens;
    private final Map<String, Object> brandModel;
    private final Map<String, String> dataUris = new LinkedHashMap<>();
    private final Map<String, String> partialSources = new LinkedHashMap<>();
    private final Handlebars html;
    private final Handlebars text;
    private final Map<String, MessageBundle> brandMessages = new LinkedHashMap<>();
    private final Map<String, LoadedTemplate> templates = new LinkedHashMap<>();
    private final Template kioskFrame;
    private final Template surveyPage;
    private final LocaleResolver localeResolver;

    private Brand(ResourceSource source) {
        this.source = source;
        JsonNode manifest = readJson("brand.json");
        this.locales = strings(manifest, "locales", "brand.json");
        this.defaultLocale = manifest.path("defaultLocale").asText("");
        if (locales.isEmpty() || !locales.contains(defaultLocale)) {
            throw new TemplateDefinitionException("brand.json", "defaultLocale '" + defaultLocale
                    + "' must be one of the declared locales " + locales);
        }
        for (String tag : locales) {
            if (!Locale.forLanguageTag(tag).toLanguageTag().equals(tag)) {
                throw new TemplateDefinitionException("brand.json", "'" + tag + "' is not a canonical BCP 47 tag ("
                        + Locale.forLanguageTag(tag).toLanguageTag() + ")");
            }
        }
        this.localeResolver = new LocaleResolver(locales, defaultLocale);
        this.defaultSegmentBudget = manifest.path("sms").path("defaultSegmentBudget").asInt(2);
        this.tokens = loadTokens(strings(manifest, "tokens", "brand.json"));
        checkRequiredTokens();
        this.brandModel = tokens.group("brand");
        loadDataUris();
        for (String partial : strings(manifest, "partials", "brand.json")) {
            if (!PARTIAL_NAME.matcher(partial).matches()) {
                throw new TemplateDefinitionException("brand.json", "partial '" + partial
                        + "' must be layouts/<name> or partials/<name>");
            }
            String file = partial + ".hbs";
            String content = source.text(file).orElseThrow(() ->
                    new TemplateDefinitionException(file, "listed in brand.json but missing"));
            refuseUnescaped(file, content);
            partialSources.put(partial, inlineConstants(file, content, true));
        }
        this.html = handlebars(true);
        this.text = handlebars(false);
        for (Map.Entry<String, String> partial : partialSources.entrySet()) {
            // Compiled through the loader, so the engine's cache holds the compiled partial from now on.
            String file = partial.getKey() + ".hbs";
            refuseUnescaped(file, partial.getValue());
            Template compiled;
            try {
                compiled = html.compile(partial.getKey());
            } catch (HandlebarsException | IOException e) {
                throw new TemplateDefinitionException(file, "does not compile: " + e.getMessage(), e);
            }
            lint(compiled, file, null);
        }
        loadBrandMessages();
        this.kioskFrame = partialSources.containsKey("layouts/kiosk")
                ? compile(html, "layouts/kiosk.hbs", partialSources.get("layouts/kiosk")) : null;
        this.surveyPage = partialSources.containsKey("layouts/survey-page")
                ? compile(html, "layouts/survey-page.hbs", partialSources.get("layouts/survey-page")) : null;
        for (String id : strings(manifest, "templates", "brand.json")) {
            if (!TEMPLATE_ID.matcher(id).matches()) {
                throw new TemplateDefinitionException("brand.json", "template id '" + id + "' must be kebab-case");
            }
            if (templates.containsKey(id)) {
                throw new TemplateDefinitionException("brand.json", "template '" + id + "' listed twice");
            }
            templates.put(id, loadTemplate(id));
        }
    }

    /** Loads and compiles a brand; fails with {@link TemplateDefinitionException} naming the broken file. */
    public static Brand load(ResourceSource source) {
        return new Brand(source);
    }

    // ---------------------------------------------------------------- accessors

    public DesignTokens tokens() {
        return tokens;
    }

    public List<String> locales() {
        return locales;
    }

    public String defaultLocale() {
        return defaultLocale;
    }

    /** The {@code brand.*} content tokens as template data ({@code brand.name}, {@code brand.postalAddress}...). */
    Map<String, Object> brandModel() {
        return brandModel;
    }

    LocaleResolver localeResolver() {
        return localeResolver;
    }

    Map<String, LoadedTemplate> templates() {
        return Collections.unmodifiableMap(templates);
    }

    MessageBundle messages(String localeTag) {
        return brandMessages.get(localeTag);
    }

    Template kioskFrame() {
        return kioskFrame;
    }

    /** The survey page layout ({@code layouts/survey-page}), or null when the brand has none. */
    Template surveyPage() {
        return surveyPage;
    }

    /** The descriptors of all templates, in manifest order. */
    public List<dev.touchpoint.brand.TemplateDescriptor> templateDescriptors() {
        return templates.values().stream().map(LoadedTemplate::descriptor).toList();
    }

    /** The message locale (BCP 47) a requested locale resolves to. */
    public String resolveLocaleTag(Locale requested) {
        return localeResolver.resolve(requested).messageTag();
    }

    /** Sample data of a template for a locale, from its samples.json. */
    @SuppressWarnings("unchecked")
    public java.util.Optional<dev.touchpoint.brand.PreviewSample> sample(String templateId, String localeTag) {
        LoadedTemplate template = templates.get(templateId);
        if (template == null || template.samples().isEmpty()) {
            return java.util.Optional.empty();
        }
        Map<String, Object> samples = template.samples();
        Map<String, Object> variables = new LinkedHashMap<>();
        Object base = samples.get("variables");
        if (base instanceof Map<?, ?> map) {
            variables.putAll((Map<String, Object>) map);
        }
        String zone = samples.get("zone") instanceof String z ? z : "UTC";
        String token = samples.get("unsubscribeToken") instanceof String t ? t : null;
        dev.touchpoint.brand.SurveyLinks surveyLinks = template.descriptor().survey().map(metric -> {
            String answer = "https://survey.preview.invalid/answer/{score}";
            String page = "https://survey.preview.invalid/page";
            if (samples.get("survey") instanceof Map<?, ?> survey) {
                answer = survey.get("answerUrl") instanceof String a ? a : answer;
                page = survey.get("pageUrl") instanceof String p ? p : page;
            }
            String pattern = answer;
            return dev.touchpoint.brand.SurveyLinks.of(metric, score -> pattern.replace("{score}", Integer.toString(score)), page);
        }).orElse(null);
        if (samples.get("locales") instanceof Map<?, ?> locales
                && locales.get(localeTag) instanceof Map<?, ?> override) {
            if (override.get("variables") instanceof Map<?, ?> map) {
                variables.putAll((Map<String, Object>) map);
            }
            if (override.get("zone") instanceof String z) {
                zone = z;
            }
        }
        return java.util.Optional.of(new dev.touchpoint.brand.PreviewSample(variables, token,
                java.time.ZoneId.of(zone), surveyLinks));
    }

    String dataUri(String tokenPath) {
        String uri = dataUris.get(tokenPath);
        if (uri == null) {
            throw new IllegalArgumentException("token " + tokenPath + " is not a bundled file");
        }
        return uri;
    }

    // ---------------------------------------------------------------- engine

    private Handlebars handlebars(boolean escapeHtml) {
        AbstractTemplateLoader loader = new AbstractTemplateLoader() {
            private final Map<String, TemplateSource> sources = new java.util.concurrent.ConcurrentHashMap<>();

            @Override
            public TemplateSource sourceAt(String location) throws IOException {
                String content = partialSources.get(location);
                if (content == null) {
                    throw new IOException("unknown partial '" + location + "'; partials must be listed in brand.json");
                }
                // One source object per partial: the template cache is keyed by it, so a partial compiles once.
                return sources.computeIfAbsent(location, l -> new StringTemplateSource(l + ".hbs", content));
            }
        };
        loader.setPrefix("");
        loader.setSuffix("");
        Handlebars handlebars = new Handlebars(loader)
                .with(new ConcurrentMapTemplateCache())
                .with(Helpers.OUTPUT_GUARD)
                .infiniteLoops(false)
                .prettyPrint(false);
        if (!escapeHtml) {
            handlebars = handlebars.with(com.github.jknack.handlebars.EscapingStrategy.NOOP);
        }
        handlebars.setCharset(StandardCharsets.UTF_8);
        Helpers.register(handlebars, escapeHtml);
        return handlebars;
    }

    private static void refuseUnescaped(String file, String content) {
        if (content.contains("{{{") || content.matches("(?s).*\\{\\{~?\\s*&.*")) {
            throw new TemplateDefinitionException(file, "unescaped output ({{{ }}} or {{& }}) is not allowed;"
                    + " every value is escaped");
        }
    }

    private Template compile(Handlebars engine, String file, String content) {
        refuseUnescaped(file, content);
        String inlined = inlineConstants(file, content, engine == html);
        try {
            return engine.compile(new StringTemplateSource(file, inlined));
        } catch (HandlebarsException | IOException e) {
            throw new TemplateDefinitionException(file, "does not compile: " + e.getMessage(), e);
        }
    }

    /**
     * Replaces helper calls whose result is fixed for this brand ({@code {{token "spacing.md"}}},
     * {@code {{uri "asset.logo.email"}}}, {@code {{dataUri ...}}}, {@code {{tokenVar ...}}},
     * {@code {{typographyVars ...}}}, {@code {{cssCustomProperties ...}}} with a literal argument) by their value
     * before compiling, exactly as the helper would print it (HTML-escaped where the helper's output would be). Tokens
     * are immutable for the life of a brand, so this is constant folding: an email renders with a few hundred fewer
     * helper calls, and a template that names a token that does not exist fails when the brand loads.
     */
    private String inlineConstants(String file, String content, boolean htmlOutput) {
        if (!content.contains("{{")) {
            return content;
        }
        Matcher m = CONSTANT_HELPER.matcher(content);
        StringBuilder out = new StringBuilder(content.length() + 256);
        while (m.find()) {
            String helper = m.group(1);
            String argument = m.group(3);
            String value;
            try {
                value = switch (helper) {
                    case "token" -> tokens.css(argument);
                    case "tokenVar" -> tokens.cssVar(argument);
                    case "typographyVars" -> tokens.typographyVars(argument);
                    case "cssCustomProperties" -> argument.matches("[.#]?[a-z][a-z0-9-]*")
                            ? tokens.customPropertiesCss(argument) : null;
                    case "dataUri" -> dataUri(argument);
                    case "uri" -> {
                        DesignToken token = tokens.get(argument);
                        if (token.type() != TokenType.URI) {
                            throw new IllegalArgumentException("token " + argument + " is not a uri token");
                        }
                        yield htmlOutput ? dev.touchpoint.brand.internal.html.HtmlEntities.escape(token.value())
                                : token.value();
                    }
                    default -> null;
                };
            } catch (IllegalArgumentException e) {
                throw new TemplateDefinitionException(file, e.getMessage());
            }
            // Never let an inlined value form new template syntax ({{ inside it or across its edges).
            if (value == null || value.contains("{{") || value.startsWith("}") || value.endsWith("{")) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Checks what a compiled template refers to: no forbidden helper, no unescaped output, and (when
     * {@code allowedRoots} is given) no variable the descriptor does not declare.
     */
    private void lint(Template template, String file, Set<String> allowedRoots) {
        List<String> names = new ArrayList<>(template.collect(TagType.values()));
        names.addAll(template.collectReferenceParameters());
        if (!template.collect(TagType.TRIPLE_VAR, TagType.AMP_VAR).isEmpty()) {
            throw new TemplateDefinitionException(file, "unescaped output is not allowed");
        }
        for (String name : names) {
            if (Helpers.FORBIDDEN.contains(name)) {
                throw new TemplateDefinitionException(file, "helper '" + name + "' is not allowed");
            }
            if (allowedRoots == null || Helpers.NAMES.contains(name) || BUILTIN_HELPERS.contains(name)) {
                continue;
            }
            String path = name.replaceFirst("^(\\.\\./)+", "").replaceFirst("^@root\\.", "")
                    .replaceFirst("^this[./]", "");
            if (path.startsWith("@") || path.equals("this") || path.equals(".")) {
                continue;
            }
            String root = path.split("[./\\[]", 2)[0];
            if (!allowedRoots.contains(root)) {
                throw new TemplateDefinitionException(file, "refers to '" + name + "', which is not a declared"
                        + " variable (declare it in template.json) nor brand/touchpoint data");
            }
        }
    }

    // ---------------------------------------------------------------- tokens and assets

    private DesignTokens loadTokens(List<String> files) {
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

    private void checkRequiredTokens() {
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

    private void loadDataUris() {
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
    }

    // ---------------------------------------------------------------- messages

    private void loadBrandMessages() {
        Set<String> reference = null;
        for (String tag : locales) {
            String file = "locales/" + tag + ".json";
            Map<String, String> flat = flatten(file, readJson(file));
            Map<String, String> prefixed = new LinkedHashMap<>();
            flat.forEach((k, v) -> prefixed.put(MESSAGE_PREFIX + k, v));
            MessageBundle bundle = compileMessages(file, tag, prefixed, Set.of("brand", "touchpoint", "count", "survey", "score"));
            reference = checkSameKeys(file, tag, bundle.keys(), reference);
            brandMessages.put(tag, bundle);
        }
    }

    private MessageBundle compileMessages(String file, String tag, Map<String, String> flat, Set<String> roots) {
        Map<String, Template> compiled = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : flat.entrySet()) {
            Template template = compile(text, file + "#" + entry.getKey(), entry.getValue());
            lint(template, file + "#" + entry.getKey(), roots);
            compiled.put(entry.getKey(), template);
        }
        return new MessageBundle(tag, compiled, flat);
    }

    /**
     * Every locale has the same keys, except plural forms: {@code x.one}, {@code x.few}... exist only in languages
     * that have them, while {@code x.other} is required everywhere.
     */
    private Set<String> checkSameKeys(String file, String tag, Set<String> allKeys, Set<String> reference) {
        Set<String> keys = new TreeSet<>();
        for (String key : allKeys) {
            int dot = key.lastIndexOf('.');
            String last = dot < 0 ? key : key.substring(dot + 1);
            boolean pluralForm = PLURAL_FORMS.contains(last) && allKeys.contains(key.substring(0, dot) + ".other");
            if (!pluralForm) {
                keys.add(key);
            }
        }
        if (reference == null) {
            return keys;
        }
        Set<String> missing = new TreeSet<>(reference);
        missing.removeAll(keys);
        Set<String> extra = new TreeSet<>(keys);
        extra.removeAll(reference);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new TemplateDefinitionException(file, "locale " + tag + " must have the same keys as "
                    + defaultLocale + "; missing " + missing + ", extra " + extra);
        }
        return reference;
    }

    private Map<String, String> flatten(String file, JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten(file, node, "", out);
        return out;
    }

    private void flatten(String file, JsonNode node, String prefix, Map<String, String> out) {
        if (!node.isObject()) {
            throw new TemplateDefinitionException(file, "messages must be nested JSON objects of strings");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (!MESSAGE_KEY.matcher(key).matches()) {
                throw new TemplateDefinitionException(file, "message key '" + key + "' is not a valid key");
            }
            if (field.getValue().isTextual()) {
                if (field.getValue().asText().isBlank()) {
                    throw new TemplateDefinitionException(file, "message '" + key + "' is empty");
                }
                out.put(key, field.getValue().asText());
            } else {
                flatten(file, field.getValue(), key, out);
            }
        }
    }

    // ---------------------------------------------------------------- templates

    private LoadedTemplate loadTemplate(String id) {
        String dir = "templates/" + id + "/";
        String descriptorFile = dir + "template.json";
        JsonNode node = readJson(descriptorFile);
        TemplateDescriptor descriptor = descriptor(id, descriptorFile, node);

        Set<String> roots = new HashSet<>(RESERVED_ROOTS);
        for (VariableSpec variable : descriptor.variables()) {
            roots.add(variable.name());
            variable.items().forEach(item -> roots.add(item.name()));
        }
        roots.remove("screen");
        if (descriptor.survey().isPresent() && surveyPage == null) {
            throw new TemplateDefinitionException(descriptorFile, "a survey template needs layouts/survey-page in"
                    + " brand.json (the page its links land on)");
        }
        if (descriptor.survey().isPresent()) {
            // the fields of survey.answers, read inside {{#each survey.answers}}
            roots.add("score");
            roots.add("url");
        } else {
            roots.remove("survey");
        }

        Map<Channel, Map<String, Template>> fields = new EnumMap<>(Channel.class);
        Map<String, Template> pushData = new LinkedHashMap<>();
        Template emailHtml = null;
        Template emailText = null;
        Template sms = null;
        String illustration = null;
        List<String> sources = new ArrayList<>();

        if (descriptor.supports(Channel.EMAIL)) {
            JsonNode email = readJson(dir + "email.json");
            fields.put(Channel.EMAIL, fieldTemplates(dir + "email.json", email, List.of("subject", "preheader"),
                    List.of(), roots, sources));
            String htmlFile = dir + "email.html.hbs";
            String htmlSource = source.text(htmlFile).orElseThrow(() -> new TemplateDefinitionException(htmlFile,
                    "missing: the email channel needs an HTML body"));
            emailHtml = compile(html, htmlFile, htmlSource);
            lint(emailHtml, htmlFile, roots);
            sources.add(htmlSource);
            String textFile = dir + "email.text.hbs";
            String textSource = source.text(textFile).orElse(null);
            if (textSource != null) {
                emailText = compile(text, textFile, textSource);
                lint(emailText, textFile, roots);
                sources.add(textSource);
            }
        }
        if (descriptor.supports(Channel.SMS)) {
            String smsFile = dir + "sms.hbs";
            String smsSource = source.text(smsFile).orElseThrow(() -> new TemplateDefinitionException(smsFile,
                    "missing: the sms channel needs a body"));
            sms = compile(text, smsFile, smsSource);
            lint(sms, smsFile, roots);
            sources.add(smsSource);
        }
        if (descriptor.supports(Channel.PUSH)) {
            JsonNode push = readJson(dir + "push.json");
            fields.put(Channel.PUSH, fieldTemplates(dir + "push.json", push, List.of("title", "body", "deepLink"),
                    List.of("image"), roots, sources));
            JsonNode data = push.path("data");
            if (!data.isMissingNode()) {
                if (!data.isObject()) {
                    throw new TemplateDefinitionException(dir + "push.json", "data must be an object of strings");
                }
                for (Map.Entry<String, JsonNode> entry : data.properties()) {
                    if (!entry.getValue().isTextual()) {
                        throw new TemplateDefinitionException(dir + "push.json", "data." + entry.getKey()
                                + " must be a string (FCM data values are strings)");
                    }
                    String file = dir + "push.json#data." + entry.getKey();
                    Template compiled = compile(text, file, entry.getValue().asText());
                    lint(compiled, file, roots);
                    pushData.put(entry.getKey(), compiled);
                    sources.add(entry.getValue().asText());
                }
            }
        }
        if (descriptor.supports(Channel.KIOSK)) {
            if (kioskFrame == null) {
                throw new TemplateDefinitionException(descriptorFile, "the kiosk channel needs layouts/kiosk in"
                        + " brand.json");
            }
            JsonNode kiosk = readJson(dir + "kiosk.json");
            fields.put(Channel.KIOSK, fieldTemplates(dir + "kiosk.json", kiosk, List.of("headline", "body", "cta"),
                    List.of("offer", "code"), roots, sources));
            if (kiosk.hasNonNull("illustration")) {
                illustration = kiosk.get("illustration").asText();
                if (tokens.find(illustration).map(t -> t.type() != TokenType.FILE).orElse(true)) {
                    throw new TemplateDefinitionException(dir + "kiosk.json", "illustration '" + illustration
                            + "' must name a file token");
                }
            }
        }

        Set<String> hashKeys = new HashSet<>();
        for (String text : sources) {
            Matcher m = HASH_KEY.matcher(text);
            while (m.find()) {
                hashKeys.add(m.group(1));
            }
        }
        Set<String> messageRoots = new HashSet<>(roots);
        messageRoots.addAll(hashKeys);

        Map<String, MessageBundle> messages = new LinkedHashMap<>();
        Set<String> reference = null;
        for (String tag : locales) {
            String file = dir + "locales/" + tag + ".json";
            Map<String, String> flat = flatten(file, readJson(file));
            for (String key : flat.keySet()) {
                if (key.startsWith(MESSAGE_PREFIX)) {
                    throw new TemplateDefinitionException(file, "template message keys must not start with 'brand.'");
                }
            }
            MessageBundle bundle = compileMessages(file, tag, flat, messageRoots);
            reference = checkSameKeys(file, tag, bundle.keys(), reference);
            messages.put(tag, bundle);
            for (String sourceText : sources) {
                checkMessageReferences(file, tag, sourceText, bundle);
            }
            for (String message : flat.values()) {
                checkMessageReferences(file, tag, message, bundle);
            }
            if (descriptor.survey().isPresent() && !hasKey(bundle, tag, "question")) {
                throw new TemplateDefinitionException(file, "a survey template needs the message 'question' (its"
                        + " question, shown on every channel and on the survey page)");
            }
            for (VariableSpec variable : descriptor.variables()) {
                if (variable.defaultMessage() != null && !hasKey(bundle, tag, variable.defaultMessage())) {
                    throw new TemplateDefinitionException(file, "default message '" + variable.defaultMessage()
                            + "' of variable " + variable.name() + " is missing");
                }
            }
        }
        Map<String, Object> samples = source.text(dir + "samples.json").map(textJson -> {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = json.readValue(textJson, LinkedHashMap.class);
                return map;
            } catch (IOException e) {
                throw new TemplateDefinitionException(dir + "samples.json", "not valid JSON: " + e.getMessage());
            }
        }).orElse(Map.of());
        return new LoadedTemplate(descriptor, messages, fields, pushData, emailHtml, emailText, sms, illustration,
                samples);
    }

    private boolean hasKey(MessageBundle templateBundle, String tag, String key) {
        if (key.startsWith(MESSAGE_PREFIX)) {
            return brandMessages.get(tag).template(key) != null;
        }
        return templateBundle.template(key) != null;
    }

    private void checkMessageReferences(String file, String tag, String sourceText, MessageBundle bundle) {
        Matcher t = T_CALL.matcher(sourceText);
        while (t.find()) {
            if (!hasKey(bundle, tag, t.group(1))) {
                throw new TemplateDefinitionException(file, "message '" + t.group(1) + "' is used but missing in "
                        + tag);
            }
        }
        Matcher plural = PLURAL_CALL.matcher(sourceText);
        while (plural.find()) {
            if (!hasKey(bundle, tag, plural.group(1) + ".other")) {
                throw new TemplateDefinitionException(file, "plural message '" + plural.group(1)
                        + ".other' is used but missing in " + tag);
            }
        }
    }

    private Map<String, Template> fieldTemplates(String file, JsonNode node, List<String> required,
                                                 List<String> optional, Set<String> roots, List<String> sources) {
        Map<String, Template> result = new LinkedHashMap<>();
        for (String field : required) {
            if (!node.path(field).isTextual() || node.get(field).asText().isBlank()) {
                throw new TemplateDefinitionException(file, "needs a non-empty \"" + field + "\" template");
            }
        }
        List<String> all = new ArrayList<>(required);
        all.addAll(optional);
        for (String field : all) {
            if (node.path(field).isTextual()) {
                Template compiled = compile(text, file + "#" + field, node.get(field).asText());
                lint(compiled, file + "#" + field, roots);
                result.put(field, compiled);
                sources.add(node.get(field).asText());
            }
        }
        return result;
    }

    private TemplateDescriptor descriptor(String id, String file, JsonNode node) {
        if (!id.equals(node.path("id").asText())) {
            throw new TemplateDefinitionException(file, "id must be '" + id + "' (the folder name)");
        }
        String version = node.path("version").asText("");
        if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new TemplateDefinitionException(file, "version must be semantic (1.2.0)");
        }
        Category category;
        Set<Channel> channels = new LinkedHashSet<>();
        try {
            category = Category.fromId(node.path("category").asText());
            for (String channel : strings(node, "channels", file)) {
                channels.add(Channel.fromId(channel));
            }
        } catch (IllegalArgumentException e) {
            throw new TemplateDefinitionException(file, e.getMessage());
        }
        if (channels.isEmpty()) {
            throw new TemplateDefinitionException(file, "declares no channels");
        }
        List<VariableSpec> variables = new ArrayList<>();
        JsonNode vars = node.path("variables");
        if (!vars.isMissingNode() && !vars.isObject()) {
            throw new TemplateDefinitionException(file, "variables must be an object keyed by name");
        }
        for (Map.Entry<String, JsonNode> entry : vars.properties()) {
            variables.add(variable(file, entry.getKey(), entry.getValue(), true));
        }
        int budget = node.path("sms").path("segmentBudget").asInt(defaultSegmentBudget);
        if (budget < 1 || budget > 10) {
            throw new TemplateDefinitionException(file, "sms.segmentBudget must be between 1 and 10");
        }
        java.util.Optional<dev.touchpoint.brand.SurveyMetric> survey = java.util.Optional.empty();
        JsonNode surveyNode = node.path("survey");
        if (!surveyNode.isMissingNode()) {
            if (!surveyNode.isObject() || !surveyNode.path("metric").isTextual()) {
                throw new TemplateDefinitionException(file, "survey must be an object naming its metric:"
                        + " {\"metric\": \"nps\" | \"csat\" | \"ces\"}");
            }
            try {
                survey = java.util.Optional.of(dev.touchpoint.brand.SurveyMetric.fromId(surveyNode.get("metric").asText()));
            } catch (IllegalArgumentException e) {
                throw new TemplateDefinitionException(file, "survey." + e.getMessage());
            }
            if (category != Category.MARKETING) {
                // ADR-0027: asking for an opinion is marketing-like (consent, budgets, quiet hours, opt-out wording)
                throw new TemplateDefinitionException(file, "a survey must be in category marketing: it is sent only"
                        + " with marketing consent and counts against the contact budget (ADR-0027)");
            }
        }
        return new TemplateDescriptor(id, version, category, node.path("description").asText(""), channels,
                variables, new LinkedHashSet<>(locales), channels.contains(Channel.SMS) ? budget : 0, survey);
    }

    private VariableSpec variable(String file, String name, JsonNode node, boolean topLevel) {
        if (!VARIABLE_NAME.matcher(name).matches() || RESERVED_ROOTS.contains(name)) {
            throw new TemplateDefinitionException(file, "variable name '" + name + "' must be lowerCamelCase and"
                    + " not one of " + RESERVED_ROOTS);
        }
        VariableType type;
        try {
            type = VariableType.fromId(node.path("type").asText());
        } catch (IllegalArgumentException e) {
            throw new TemplateDefinitionException(file, "variable " + name + ": " + e.getMessage());
        }
        boolean required = node.path("required").asBoolean(false);
        String defaultMessage = node.hasNonNull("defaultMessage") ? node.get("defaultMessage").asText() : null;
        Integer maxLength = node.hasNonNull("maxLength") ? node.get("maxLength").asInt() : null;
        String pattern = node.hasNonNull("pattern") ? node.get("pattern").asText() : null;
        if (pattern != null) {
            if (type != VariableType.STRING) {
                throw new TemplateDefinitionException(file, "variable " + name + ": pattern is for strings");
            }
            try {
                java.util.regex.Pattern.compile(pattern);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new TemplateDefinitionException(file, "variable " + name + ": invalid pattern: "
                        + e.getDescription());
            }
        }
        List<VariableSpec> items = new ArrayList<>();
        if (type == VariableType.LIST) {
            if (!topLevel) {
                throw new TemplateDefinitionException(file, "lists cannot be nested (" + name + ")");
            }
            JsonNode itemNode = node.path("items");
            if (!itemNode.isObject() || itemNode.isEmpty()) {
                throw new TemplateDefinitionException(file, "list variable " + name + " must declare its items");
            }
            for (Map.Entry<String, JsonNode> item : itemNode.properties()) {
                items.add(variable(file, item.getKey(), item.getValue(), false));
            }
        }
        if (defaultMessage != null && type != VariableType.STRING) {
            throw new TemplateDefinitionException(file, "variable " + name + ": defaultMessage is for strings");
        }
        Object defaultValue = null;
        if (node.hasNonNull("default")) {
            VariableSpec probe = new VariableSpec(name, type, required, null, null, "", maxLength, pattern, items);
            Object raw = json.convertValue(node.get("default"), Object.class);
            try {
                defaultValue = VariableBinder.bindOne(probe, raw, name, ZoneOffset.UTC);
            } catch (VariableBinder.BindingException e) {
                throw new TemplateDefinitionException(file, "default of " + name + ": " + e.getMessage());
            }
        }
        return new VariableSpec(name, type, required, defaultValue, defaultMessage,
                node.path("description").asText(""), maxLength, pattern, items);
    }

    // ---------------------------------------------------------------- JSON

    private JsonNode readJson(String file) {
        String content = source.text(file).orElseThrow(() -> new TemplateDefinitionException(file, "missing ("
                + source.describe(file) + ")"));
        try {
            JsonNode node = json.readTree(content);
            if (!(node instanceof ObjectNode)) {
                throw new TemplateDefinitionException(file, "must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new TemplateDefinitionException(file, "not valid JSON: " + e.getMessage());
        }
    }

    private static List<String> strings(JsonNode node, String field, String file) {
        JsonNode array = node.path(field);
        if (!array.isArray()) {
            throw new TemplateDefinitionException(file, "\"" + field + "\" must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return List.copyOf(values);
    }
}
