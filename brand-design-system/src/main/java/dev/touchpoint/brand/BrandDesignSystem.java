package dev.touchpoint.brand;

import dev.touchpoint.channel.Channel;

import dev.touchpoint.brand.internal.Brand;
import dev.touchpoint.brand.internal.Renderer;
import dev.touchpoint.brand.internal.ResourceSource;
import dev.touchpoint.brand.tokens.DesignTokens;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The brand design system: renders any touchpoint template for any channel and locale, in the brand's look and
 * voice, and enforces each channel's rules.
 *
 * <p>Build it once (templates, tokens and messages are loaded, checked and compiled at construction; a broken template
 * fails here with a {@link TemplateDefinitionException}) and share it: it is immutable and thread-safe.
 *
 * <pre>{@code
 * BrandDesignSystem brand = BrandDesignSystem.fromClasspath();
 * RenderedSms sms = brand.renderSms(RenderRequest.builder("cart-reminder", Channel.SMS)
 *         .locale("de-AT").zone("Europe/Vienna")
 *         .variables(Map.of("firstName", "Jonas", "cartItems", items, "cartTotal", total, "cartUrl", url))
 *         .build());
 * sms.body(); sms.segments(); sms.fingerprint().sha256();
 * }</pre>
 */
public final class BrandDesignSystem {

    /** Where the brand that ships with this module lives on the classpath. */
    public static final String DEFAULT_CLASSPATH_ROOT = "brand";

    private final Brand brand;
    private final Renderer renderer;
    private final List<TemplateDescriptor> descriptors;

    private BrandDesignSystem(ResourceSource source, Clock clock) {
        this.brand = Brand.load(source);
        this.renderer = new Renderer(brand, clock);
        this.descriptors = brand.templateDescriptors();
    }

    /** The brand shipped in this module ({@code classpath:brand/}). */
    public static BrandDesignSystem fromClasspath() {
        return fromClasspath(DEFAULT_CLASSPATH_ROOT, BrandDesignSystem.class.getClassLoader());
    }

    /** A brand on the classpath under {@code root} (a folder holding {@code brand.json}). */
    public static BrandDesignSystem fromClasspath(String root, ClassLoader classLoader) {
        return new BrandDesignSystem(ResourceSource.classpath(classLoader, root), Clock.systemUTC());
    }

    /** A brand in a directory, e.g. a designer's working copy of {@code src/main/resources/brand}. */
    public static BrandDesignSystem fromDirectory(Path root) {
        return fromDirectory(root, Clock.systemUTC());
    }

    /** As {@link #fromDirectory(Path)}, with the clock used for the copyright year. */
    public static BrandDesignSystem fromDirectory(Path root, Clock clock) {
        return new BrandDesignSystem(ResourceSource.directory(root), clock);
    }

    /** As {@link #fromClasspath(String, ClassLoader)}, with the clock used for the copyright year. */
    public static BrandDesignSystem fromClasspath(String root, ClassLoader classLoader, Clock clock) {
        return new BrandDesignSystem(ResourceSource.classpath(classLoader, root), clock);
    }

    /**
     * Renders one touchpoint.
     *
     * @throws RenderException when the template or channel is unknown, a variable is missing or invalid, the
     *                         template fails, or the content breaks a channel rule (reason RULE_VIOLATION, with the
     *                         violations). Warnings do not throw; they come with the message.
     */
    public RenderedMessage render(RenderRequest request) {
        Objects.requireNonNull(request, "request");
        Renderer.Outcome outcome = renderer.render(request);
        boolean errors = outcome.violations().stream().anyMatch(RuleViolation::isError);
        if (errors || outcome.message().isEmpty()) {
            String locale = outcome.violations().isEmpty() ? null : outcome.violations().getFirst().locale();
            throw RenderException.ruleViolations(request.templateId(), locale, request.channel(),
                    outcome.violations());
        }
        return outcome.message().get();
    }

    public RenderedEmail renderEmail(RenderRequest request) {
        return typed(request, Channel.EMAIL, RenderedEmail.class);
    }

    public RenderedSms renderSms(RenderRequest request) {
        return typed(request, Channel.SMS, RenderedSms.class);
    }

    public RenderedPush renderPush(RenderRequest request) {
        return typed(request, Channel.PUSH, RenderedPush.class);
    }

    public RenderedKiosk renderKiosk(RenderRequest request) {
        return typed(request, Channel.KIOSK, RenderedKiosk.class);
    }

    private <T extends RenderedMessage> T typed(RenderRequest request, Channel channel, Class<T> type) {
        if (request.channel() != channel) {
            throw new IllegalArgumentException("request is for " + request.channel() + ", not " + channel);
        }
        return type.cast(render(request));
    }

    /**
     * Renders and reports instead of throwing: the message (when it could be produced) with every error and warning,
     * or the failure. For previews, linters and the web console.
     */
    public RenderReport check(RenderRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            Renderer.Outcome outcome = renderer.render(request);
            return new RenderReport(request, outcome.message(), outcome.violations(), Optional.empty());
        } catch (RenderException e) {
            return new RenderReport(request, Optional.empty(), List.of(), Optional.of(e));
        }
    }

    /**
     * The survey page in the customer's language: the question with the whole scale (the push deep link lands here),
     * the thank-you page with its optional comment form, and the pages for a link answered before, closed or not
     * valid. Escaped HTML, no scripts.
     *
     * @throws RenderException when the brand has no {@code layouts/survey-page} or the template is not a survey
     */
    public RenderedPage renderSurveyPage(SurveyPage page) {
        return renderer.page(Objects.requireNonNull(page, "page"));
    }

    /** Every template, in the order of {@code brand.json}. */
    public List<TemplateDescriptor> templates() {
        return descriptors;
    }

    /** The descriptor of a template, or empty when there is no such template. */
    public Optional<TemplateDescriptor> descriptor(String templateId) {
        return descriptors.stream().filter(d -> d.id().equals(templateId)).findFirst();
    }

    /** The locales every template has messages for (BCP 47 tags), default first. */
    public List<String> locales() {
        return brand.locales();
    }

    public String defaultLocale() {
        return brand.defaultLocale();
    }

    /** The message locale a requested locale falls back to, e.g. {@code zh-Hant-HK -> zh-Hant}. */
    public String resolveLocale(Locale requested) {
        return brand.resolveLocaleTag(requested);
    }

    /** The brand's design tokens. */
    public DesignTokens tokens() {
        return brand.tokens();
    }

    /**
     * Sample variables for previews of a template in a locale (the template's {@code samples.json}), or empty when it
     * has none.
     */
    public Optional<PreviewSample> sample(String templateId, String localeTag) {
        return brand.sample(templateId, localeTag);
    }

}
