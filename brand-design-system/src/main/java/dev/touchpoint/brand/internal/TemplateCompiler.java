package dev.touchpoint.brand.internal;

import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.TagType;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.cache.ConcurrentMapTemplateCache;
import com.github.jknack.handlebars.io.AbstractTemplateLoader;
import com.github.jknack.handlebars.io.StringTemplateSource;
import com.github.jknack.handlebars.io.TemplateSource;
import dev.touchpoint.brand.TemplateDefinitionException;
import dev.touchpoint.brand.internal.html.HtmlEntities;
import dev.touchpoint.brand.tokens.DesignToken;
import dev.touchpoint.brand.tokens.DesignTokens;
import dev.touchpoint.brand.tokens.TokenType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles the brand's Handlebars sources: two engines (HTML output escapes every value, text output escapes
 * nothing) sharing the brand's layouts and partials, with the brand's constants folded in before compiling and every
 * compiled template checked for what it may refer to. Everything a brand compiles goes through here, so the safety
 * rules of ADR-0002 (no unescaped output, no forbidden helper, no undeclared variable) hold in one place.
 */
final class TemplateCompiler {

    private static final Set<String> BUILTIN_HELPERS = Set.of("if", "unless", "each", "with", "lookup", "block",
            "partial");
    private static final Pattern CONSTANT_HELPER = Pattern.compile(
            "\\{\\{\\s*(token|tokenVar|typographyVars|cssCustomProperties|dataUri|uri)\\s+([\"'])([^\"'{}]+)\\2\\s*}}");

    private final DesignTokens tokens;
    private final BrandAssets assets;
    private final Map<String, String> partialSources = new LinkedHashMap<>();
    private final Handlebars html;
    private final Handlebars text;

    /**
     * Reads, checks and compiles the layouts and partials the manifest lists ({@code layouts/email},
     * {@code partials/email-button}: the file is the name plus {@code .hbs}).
     */
    TemplateCompiler(ResourceSource source, BrandAssets assets, List<String> partials) {
        this.assets = assets;
        this.tokens = assets.tokens();
        for (String partial : partials) {
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
    }

    /** A listed layout compiled as a template of its own ({@code layouts/kiosk}), or null when it is not listed. */
    Template layout(String name) {
        String content = partialSources.get(name);
        return content == null ? null : html(name + ".hbs", content);
    }

    /** Compiles HTML output: every printed value is HTML-escaped. */
    Template html(String file, String content) {
        return compile(html, file, content);
    }

    /** Compiles plain-text output: nothing is escaped. */
    Template text(String file, String content) {
        return compile(text, file, content);
    }

    /**
     * Checks what a compiled template refers to: no forbidden helper, no unescaped output, and (when
     * {@code allowedRoots} is given) no variable the descriptor does not declare.
     */
    void lint(Template template, String file, Set<String> allowedRoots) {
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

    private Handlebars handlebars(boolean escapeHtml) {
        AbstractTemplateLoader loader = new AbstractTemplateLoader() {
            private final Map<String, TemplateSource> sources = new ConcurrentHashMap<>();

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
            handlebars = handlebars.with(EscapingStrategy.NOOP);
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
                    case "dataUri" -> assets.dataUri(argument);
                    case "uri" -> {
                        DesignToken token = tokens.get(argument);
                        if (token.type() != TokenType.URI) {
                            throw new IllegalArgumentException("token " + argument + " is not a uri token");
                        }
                        yield htmlOutput ? HtmlEntities.escape(token.value()) : token.value();
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
}
