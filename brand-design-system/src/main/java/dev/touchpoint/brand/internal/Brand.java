package dev.touchpoint.brand.internal;

import com.github.jknack.handlebars.Template;
import dev.touchpoint.brand.PreviewSample;
import dev.touchpoint.brand.TemplateDefinitionException;
import dev.touchpoint.brand.TemplateDescriptor;
import dev.touchpoint.brand.tokens.DesignTokens;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
 *
 * <p>This class is the facade the renderer and {@code BrandDesignSystem} use; the work is split along its seams:
 * {@code DescriptorReader} reads and schema-checks the descriptors into records ({@code BrandManifest},
 * {@code TemplateFile}, {@code ChannelFiles}), {@code BrandAssets} loads tokens and bundled files,
 * {@code TemplateCompiler} compiles and checks every Handlebars source, {@code BrandMessages} the message bundles,
 * and {@code TemplateLoader} puts one template together.
 */
public final class Brand {

    private final List<String> locales;
    private final String defaultLocale;
    private final BrandAssets assets;
    private final Map<String, Object> brandModel;
    private final BrandMessages messages;
    private final Map<String, LoadedTemplate> templates = new LinkedHashMap<>();
    private final Template kioskFrame;
    private final Template surveyPage;
    private final LocaleResolver localeResolver;

    private Brand(ResourceSource source) {
        DescriptorReader reader = new DescriptorReader(source);
        BrandManifest manifest = reader.descriptor("brand.json", DescriptorReader.Schema.MANIFEST,
                BrandManifest.class);
        this.locales = manifest.locales();
        this.defaultLocale = manifest.defaultLocale();
        if (!locales.contains(defaultLocale)) {
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
        this.assets = BrandAssets.load(source, manifest.tokens());
        this.brandModel = assets.tokens().group("brand");
        TemplateCompiler compiler = new TemplateCompiler(source, assets, manifest.partials());
        this.messages = new BrandMessages(reader, compiler, locales, defaultLocale);
        this.kioskFrame = compiler.layout("layouts/kiosk");
        this.surveyPage = compiler.layout("layouts/survey-page");
        TemplateLoader loader = new TemplateLoader(source, reader, compiler, messages, assets.tokens(), locales,
                manifest.defaultSegmentBudget(), kioskFrame != null, surveyPage != null);
        for (String id : manifest.templates()) {
            if (templates.containsKey(id)) {
                throw new TemplateDefinitionException("brand.json", "template '" + id + "' listed twice");
            }
            templates.put(id, loader.load(id));
        }
    }

    /** Loads and compiles a brand; fails with {@link TemplateDefinitionException} naming the broken file. */
    public static Brand load(ResourceSource source) {
        return new Brand(source);
    }

    // ---------------------------------------------------------------- accessors

    public DesignTokens tokens() {
        return assets.tokens();
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
        return messages.brand(localeTag);
    }

    Template kioskFrame() {
        return kioskFrame;
    }

    /** The survey page layout ({@code layouts/survey-page}), or null when the brand has none. */
    Template surveyPage() {
        return surveyPage;
    }

    /** The descriptors of all templates, in manifest order. */
    public List<TemplateDescriptor> templateDescriptors() {
        return templates.values().stream().map(LoadedTemplate::descriptor).toList();
    }

    /** The message locale (BCP 47) a requested locale resolves to. */
    public String resolveLocaleTag(Locale requested) {
        return localeResolver.resolve(requested).messageTag();
    }

    /** Sample data of a template for a locale, from its samples.json. */
    public Optional<PreviewSample> sample(String templateId, String localeTag) {
        LoadedTemplate template = templates.get(templateId);
        if (template == null || template.samples() == null || template.samples().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(template.samples().sample(template.descriptor(), localeTag));
    }

    String dataUri(String tokenPath) {
        return assets.dataUri(tokenPath);
    }
}
