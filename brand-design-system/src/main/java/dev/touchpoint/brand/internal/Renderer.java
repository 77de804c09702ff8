package dev.touchpoint.brand.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.Template;
import dev.touchpoint.brand.Category;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.brand.ContentFingerprint;
import dev.touchpoint.channel.ListUnsubscribe;
import dev.touchpoint.brand.RenderException;
import dev.touchpoint.brand.RenderException.Reason;
import dev.touchpoint.brand.RenderRequest;
import dev.touchpoint.brand.RenderedEmail;
import dev.touchpoint.brand.RenderedKiosk;
import dev.touchpoint.brand.RenderedMessage;
import dev.touchpoint.brand.RenderedPage;
import dev.touchpoint.brand.SurveyLinks;
import dev.touchpoint.brand.SurveyMetric;
import dev.touchpoint.brand.SurveyPage;
import dev.touchpoint.brand.RenderedPush;
import dev.touchpoint.brand.RenderedSms;
import dev.touchpoint.brand.RuleViolation;
import dev.touchpoint.brand.SenderIdentity;
import dev.touchpoint.brand.TemplateDescriptor;
import dev.touchpoint.brand.internal.html.HtmlToText;
import dev.touchpoint.brand.internal.html.HtmlTokenizer;
import dev.touchpoint.brand.internal.rules.EmailRules;
import dev.touchpoint.brand.internal.rules.HtmlChecks;
import dev.touchpoint.brand.internal.rules.KioskRules;
import dev.touchpoint.brand.internal.rules.PushRules;
import dev.touchpoint.brand.internal.rules.SmsRules;
import dev.touchpoint.brand.internal.rules.Violations;
import dev.touchpoint.brand.internal.rules.VoiceRules;
import dev.touchpoint.channel.gsm.SmsSegmentCalculator;
import dev.touchpoint.channel.gsm.SmsSegments;
import dev.touchpoint.brand.tokens.DesignTokens;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Renders one request against a loaded {@link Brand}: binds variables, applies templates, checks channel rules. */
public final class Renderer {

    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("[\\s\\u2028\\u2029]+");
    private static final Set<String> RTL_LANGUAGES = Set.of("ar", "he", "fa", "ur", "yi", "ps", "sd", "ug");

    private final Brand brand;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, SenderIdentity> senders = new java.util.concurrent.ConcurrentHashMap<>();
    /** The largest output per compiled template so far (templates are compared by identity), see {@link #apply}. */
    private final Map<Template, Integer> outputSizes = new java.util.concurrent.ConcurrentHashMap<>();

    public Renderer(Brand brand, Clock clock) {
        this.brand = brand;
        this.clock = clock;
    }

    /**
     * The rendered message (empty only when a push deep link cannot even be parsed) and every rule violation.
     * Failures before rules can be checked (unknown template, missing variable, template error) throw.
     */
    public record Outcome(Optional<RenderedMessage> message, List<RuleViolation> violations) {
    }

    public Outcome render(RenderRequest request) {
        LoadedTemplate template = brand.templates().get(request.templateId());
        if (template == null) {
            throw new RenderException(Reason.UNKNOWN_TEMPLATE, request.templateId(), null, request.channel(), null,
                    "no such template; known templates are " + brand.templates().keySet());
        }
        TemplateDescriptor descriptor = template.descriptor();
        if (!descriptor.supports(request.channel())) {
            throw new RenderException(Reason.UNSUPPORTED_CHANNEL, descriptor.id(), null, request.channel(), null,
                    "the template supports " + descriptor.channels().stream().map(Channel::id).sorted().toList());
        }
        Locale requested = request.locale().equals(Locale.ROOT) ? Locale.forLanguageTag(brand.defaultLocale())
                : request.locale();
        LocaleResolver.Resolution locale = brand.localeResolver().resolve(requested);
        RenderScope scope = new RenderScope(brand, template, request.channel(), locale.messageTag(),
                locale.messageLocale(), locale.formatLocale(), request.zone());

        Map<String, Object> touchpoint = new LinkedHashMap<>();
        touchpoint.put("templateId", descriptor.id());
        touchpoint.put("templateVersion", descriptor.version());
        touchpoint.put("category", descriptor.category().id());
        touchpoint.put("marketing", descriptor.category() == Category.MARKETING);
        touchpoint.put("channel", request.channel().id());
        touchpoint.put("locale", locale.messageTag());
        touchpoint.put("lang", locale.messageTag());
        touchpoint.put("dir", RTL_LANGUAGES.contains(locale.messageLocale().getLanguage()) ? "rtl" : "ltr");
        touchpoint.put("year", (long) ZonedDateTime.now(clock.withZone(request.zone())).getYear());

        Map<String, Object> model;
        try {
            model = VariableBinder.bind(descriptor.variables(), request.variables(), request.zone(),
                    key -> defaultText(scope, touchpoint, key));
        } catch (VariableBinder.BindingException e) {
            throw new RenderException(e.missing ? Reason.MISSING_VARIABLE : Reason.INVALID_VARIABLE, descriptor.id(),
                    locale.messageTag(), request.channel(), e.field, e.getMessage());
        }
        model.put("brand", brand.brandModel());
        model.put("touchpoint", touchpoint);
        Set<String> ownLinks = Set.of();
        if (descriptor.survey().isPresent()) {
            SurveyMetric metric = descriptor.survey().get();
            SurveyLinks links = request.surveyLinks();
            if (links == null || !links.covers(metric)) {
                throw new RenderException(Reason.MISSING_VARIABLE, descriptor.id(), locale.messageTag(),
                        request.channel(), "surveyLinks", "a survey template needs one answer link per score of its"
                        + " scale (" + metric.min() + "-" + metric.max() + ") and the survey page");
            }
            model.put("survey", surveyModel(metric, links));
            ownLinks = new java.util.HashSet<>(links.answers().values());
            ownLinks.add(links.page());
        }
        Context context = Context.newBuilder(model).resolver(ModelResolver.INSTANCE).build();
        context.data(RenderScope.KEY, scope);

        Violations violations = new Violations(descriptor.id(), locale.messageTag(), request.channel());
        RenderedMessage message = switch (request.channel()) {
            case EMAIL -> email(request, scope, context, touchpoint, ownLinks, violations);
            case SMS -> sms(scope, context, violations);
            case PUSH -> push(scope, context, ownLinks, violations);
            case KIOSK -> kiosk(scope, context, model, violations);
        };
        return new Outcome(Optional.ofNullable(message), violations.all());
    }

    // ---------------------------------------------------------------- email

    private RenderedEmail email(RenderRequest request, RenderScope scope, Context context,
                                Map<String, Object> touchpoint, Set<String> ownLinks, Violations violations) {
        LoadedTemplate template = scope.template;
        TemplateDescriptor descriptor = template.descriptor();
        DesignTokens tokens = brand.tokens();
        boolean marketing = descriptor.category() == Category.MARKETING;
        String subject = singleLine(apply(template.field(Channel.EMAIL, "subject"), context, scope, "subject"));
        String preheader = singleLine(apply(template.field(Channel.EMAIL, "preheader"), context, scope,
                "preheader"));
        touchpoint.put("subject", subject);
        touchpoint.put("preheader", preheader);
        Optional<ListUnsubscribe> listUnsubscribe = Optional.empty();
        String unsubscribeUrl = null;
        if (marketing) {
            String token = request.unsubscribeToken();
            if (token == null) {
                throw new RenderException(Reason.MISSING_VARIABLE, descriptor.id(), scope.messageTag, Channel.EMAIL,
                        "unsubscribeToken", "marketing email needs an unsubscribe token for its footer link and"
                        + " List-Unsubscribe header");
            }
            unsubscribeUrl = tokens.text("link.unsubscribe.https").replace("{token}", token);
            String mailto = tokens.text("link.unsubscribe.mailto").replace("{token}", token);
            listUnsubscribe = Optional.of(new ListUnsubscribe(URI.create(unsubscribeUrl), URI.create(mailto)));
            touchpoint.put("unsubscribeUrl", unsubscribeUrl);
        }
        String html = apply(template.emailHtml(), context, scope, "html");
        List<HtmlTokenizer.Token> htmlTokens = HtmlChecks.tokens(html, violations, "email", "html");
        String text;
        boolean generated = template.emailText() == null;
        if (generated) {
            text = htmlTokens == null ? "" : HtmlToText.convert(htmlTokens);
        } else {
            text = multiLine(apply(template.emailText(), context, scope, "text")) + "\n";
        }
        String postalAddress = tokens.text("brand.postal-address");
        EmailRules.check(new EmailRules.Email(subject, preheader, html, text, marketing, unsubscribeUrl,
                postalAddress, ownLinks), htmlTokens, violations);
        int maxExclamations = maxExclamations();
        VoiceRules.check("subject", subject, maxExclamations, violations);
        VoiceRules.check("preheader", preheader, maxExclamations, violations);

        SenderIdentity from = sender(marketing ? "sender.email.marketing." : "sender.email.transactional.");
        SenderIdentity replyTo = sender("sender.email.reply-to.");
        Map<String, String> canonical = new LinkedHashMap<>();
        canonical.put("from", from.displayName() + " <" + from.address() + ">");
        canonical.put("replyTo", replyTo.displayName() + " <" + replyTo.address() + ">");
        canonical.put("subject", subject);
        canonical.put("preheader", preheader);
        canonical.put("listUnsubscribe", listUnsubscribe.map(ListUnsubscribe::headerValue).orElse(""));
        canonical.put("html", html);
        canonical.put("text", text);
        return new RenderedEmail(subject, preheader, html, text, generated, from, replyTo, listUnsubscribe,
                descriptor.category(), fingerprint(scope, canonical), violations.warnings());
    }

    // ---------------------------------------------------------------- sms

    private RenderedSms sms(RenderScope scope, Context context, Violations violations) {
        TemplateDescriptor descriptor = scope.template.descriptor();
        boolean marketing = descriptor.category() == Category.MARKETING;
        String body = multiLine(apply(scope.template.sms(), context, scope, "body"));
        String optOut = null;
        boolean appended = false;
        if (marketing) {
            optOut = singleLine(Helpers.message(scope, "brand.sms.optOut", context, Map.of()));
            if (!body.contains(optOut)) {
                body = body + "\n" + optOut;
                appended = true;
            }
        }
        body = Normalizer.normalize(body, Normalizer.Form.NFC);
        SmsSegments segments = SmsSegmentCalculator.analyse(body);
        SmsRules.check(body, segments, descriptor.smsSegmentBudget(), brand.tokens().text("sender.sms.brand-name"),
                marketing, optOut, violations);
        VoiceRules.check("body", body, maxExclamations(), violations);
        return new RenderedSms(body, brand.tokens().text("sender.sms.alphanumeric-id"), segments.encoding(),
                segments.segments(), segments.units(), segments.characters(), appended, descriptor.category(),
                fingerprint(scope, Map.of("body", body)), violations.warnings());
    }

    // ---------------------------------------------------------------- push

    private RenderedPush push(RenderScope scope, Context context, Set<String> ownLinks, Violations violations) {
        LoadedTemplate template = scope.template;
        TemplateDescriptor descriptor = template.descriptor();
        String title = singleLine(apply(template.field(Channel.PUSH, "title"), context, scope, "title"));
        String body = multiLine(apply(template.field(Channel.PUSH, "body"), context, scope, "body"));
        String deepLink = apply(template.field(Channel.PUSH, "deepLink"), context, scope, "deepLink").strip();
        Template imageTemplate = template.field(Channel.PUSH, "image");
        String image = imageTemplate == null ? null : apply(imageTemplate, context, scope, "image").strip();
        if (image != null && image.isEmpty()) {
            image = null;
        }
        Map<String, String> data = new LinkedHashMap<>();
        for (Map.Entry<String, Template> entry : template.pushData().entrySet()) {
            String value = apply(entry.getValue(), context, scope, "data." + entry.getKey()).strip();
            if (!value.isEmpty()) {
                data.put(entry.getKey(), value);
            }
        }
        data.put("deepLink", deepLink);
        data.put("templateId", descriptor.id());
        data.put("templateVersion", descriptor.version());
        data.put("category", descriptor.category().id());
        data.put("locale", scope.messageTag);

        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("title", title);
        notification.put("body", body);
        if (image != null) {
            notification.put("image", image);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("notification", notification);
        payload.put("data", data);
        String payloadJson;
        try {
            payloadJson = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a map of strings", e);
        }
        int payloadBytes = payloadJson.getBytes(StandardCharsets.UTF_8).length;
        String appScheme = brand.tokens().text("link.app-scheme").toLowerCase(Locale.ROOT);
        PushRules.check(title, body, deepLink, image, payloadBytes, Set.of(appScheme, "https"), ownLinks,
                violations);
        int maxExclamations = maxExclamations();
        VoiceRules.check("title", title, maxExclamations, violations);
        VoiceRules.check("body", body, maxExclamations, violations);
        URI deepLinkUri;
        Optional<URI> imageUri;
        try {
            deepLinkUri = new URI(deepLink);
            imageUri = image == null ? Optional.empty() : Optional.of(new URI(image));
        } catch (URISyntaxException e) {
            return null;
        }
        String channelId = brand.tokens().text("sender.push.android-channel." + descriptor.category().id());
        return new RenderedPush(title, body, deepLinkUri, imageUri, data, channelId, payloadJson, payloadBytes,
                descriptor.category(), fingerprint(scope, Map.of("payload", payloadJson)), violations.warnings());
    }

    // ---------------------------------------------------------------- kiosk

    private RenderedKiosk kiosk(RenderScope scope, Context context, Map<String, Object> model,
                                Violations violations) {
        LoadedTemplate template = scope.template;
        TemplateDescriptor descriptor = template.descriptor();
        String headline = singleLine(apply(template.field(Channel.KIOSK, "headline"), context, scope, "headline"));
        String body = multiLine(apply(template.field(Channel.KIOSK, "body"), context, scope, "body"));
        String cta = singleLine(apply(template.field(Channel.KIOSK, "cta"), context, scope, "cta"));
        Optional<String> offer = optionalField(template, "offer", context, scope);
        Optional<String> code = optionalField(template, "code", context, scope);
        Map<String, Object> screen = new LinkedHashMap<>();
        screen.put("headline", headline);
        screen.put("body", body);
        offer.ifPresent(value -> screen.put("offer", value));
        screen.put("cta", cta);
        code.ifPresent(value -> screen.put("code", value));
        if (template.kioskIllustration() != null) {
            // a bundled data URI (base64): safe in an attribute as it is
            screen.put("illustration", new com.github.jknack.handlebars.Handlebars.SafeString(
                    brand.dataUri(template.kioskIllustration())));
        }
        model.put("screen", screen);
        String html = apply(brand.kioskFrame(), context, scope, "html").strip();
        KioskRules.check(html, headline, body, violations);
        int maxExclamations = maxExclamations();
        VoiceRules.check("headline", headline, maxExclamations, violations);
        VoiceRules.check("body", body, maxExclamations, violations);
        return new RenderedKiosk(html, headline, body, offer, cta, code, scope.messageTag, descriptor.category(),
                fingerprint(scope, Map.of("html", html)), violations.warnings(), descriptor.survey());
    }

    private Optional<String> optionalField(LoadedTemplate template, String field, Context context,
                                           RenderScope scope) {
        Template compiled = template.field(Channel.KIOSK, field);
        if (compiled == null) {
            return Optional.empty();
        }
        String value = singleLine(apply(compiled, context, scope, field));
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    // ---------------------------------------------------------------- survey

    /** {@code survey.*} in a survey template: the metric, its scale and the links the workers issued. */
    private static Map<String, Object> surveyModel(SurveyMetric metric, SurveyLinks links) {
        Map<String, Object> survey = new LinkedHashMap<>();
        survey.put("metric", metric.id());
        survey.put("min", (long) metric.min());
        survey.put("max", (long) metric.max());
        survey.put("page", links.page());
        List<Map<String, Object>> answers = new java.util.ArrayList<>();
        for (int score : metric.scores()) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("score", (long) score);
            answer.put("url", links.answers().get(score));
            answers.add(answer);
        }
        survey.put("answers", answers);
        return survey;
    }

    /**
     * The survey page (the push deep link and the landing page of every answer link): the brand's
     * {@code layouts/survey-page} with the brand's {@code brand.survey.*} messages, and the template's
     * {@code question} when the page names a template. Rendered as HTML with escaping on, like an email.
     */
    public RenderedPage page(SurveyPage page) {
        Template layout = brand.surveyPage();
        if (layout == null) {
            throw new RenderException(Reason.UNKNOWN_TEMPLATE, "(survey page)", null, Channel.EMAIL, null,
                    "the brand has no layouts/survey-page");
        }
        LoadedTemplate template = page.templateId() == null ? null : brand.templates().get(page.templateId());
        if (page.templateId() != null && (template == null || template.descriptor().survey().isEmpty())) {
            throw new RenderException(Reason.UNKNOWN_TEMPLATE, page.templateId(), null, Channel.EMAIL, null,
                    "no such survey template; known templates are " + brand.templates().keySet());
        }
        Locale requested = page.locale().equals(Locale.ROOT) ? Locale.forLanguageTag(brand.defaultLocale())
                : page.locale();
        LocaleResolver.Resolution locale = brand.localeResolver().resolve(requested);
        RenderScope scope = new RenderScope(brand, template, Channel.EMAIL, locale.messageTag(),
                locale.messageLocale(), locale.formatLocale(), java.time.ZoneOffset.UTC);
        Map<String, Object> touchpoint = new LinkedHashMap<>();
        touchpoint.put("lang", locale.messageTag());
        touchpoint.put("dir", RTL_LANGUAGES.contains(locale.messageLocale().getLanguage()) ? "rtl" : "ltr");
        touchpoint.put("year", (long) ZonedDateTime.now(clock.withZone(java.time.ZoneOffset.UTC)).getYear());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("brand", brand.brandModel());
        model.put("touchpoint", touchpoint);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put(switch (page.state()) {
            case QUESTION -> "question";
            case THANKS -> "thanks";
            case COMMENT_SAVED -> "commentSaved";
            case ALREADY_ANSWERED -> "alreadyAnswered";
            case CLOSED -> "closed";
            case INVALID -> "invalid";
        }, true);
        model.put("state", state);
        if (template != null) {
            SurveyMetric metric = template.descriptor().survey().orElseThrow();
            model.put("survey", page.links() == null ? Map.of("metric", metric.id())
                    : surveyModel(metric, page.links()));
            model.put("scale", Map.of(metric.id(), true));
        }
        if (page.score() != null) {
            model.put("score", (long) page.score());
        }
        if (page.commentAction() != null) {
            model.put("comment", Map.of("action", page.commentAction(), "token", page.commentToken()));
        }
        Context context = Context.newBuilder(model).resolver(ModelResolver.INSTANCE).build();
        context.data(RenderScope.KEY, scope);
        String html;
        try {
            html = layout.apply(context);
        } catch (HandlebarsException e) {
            throw translatePage(e, page);
        } catch (IOException e) {
            throw new RenderException(Reason.TEMPLATE_ERROR, "(survey page)", scope.messageTag, Channel.EMAIL, "html",
                    e.getMessage(), List.of(), e);
        }
        String title = singleLine(Helpers.message(scope, "brand.survey.page.title", context, Map.of()));
        return new RenderedPage(html.strip(), title, locale.messageTag());
    }

    private static RenderException translatePage(HandlebarsException e, SurveyPage page) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RenderException render) {
                return render;
            }
        }
        return new RenderException(Reason.TEMPLATE_ERROR, page.templateId() == null ? "(survey page)" : page.templateId(),
                null, Channel.EMAIL, "html", e.getMessage() + " at " + position(e), List.of(), e);
    }

    // ---------------------------------------------------------------- shared

    /**
     * The sender identity under a token prefix ({@code <prefix>name}, {@code <prefix>address}). The tokens never change
     * after the brand loaded, so each identity is built (and its address checked) once; a missing token or a bad
     * address throws on every render as before, since nothing is cached then.
     */
    private SenderIdentity sender(String prefix) {
        return senders.computeIfAbsent(prefix, p -> new SenderIdentity(brand.tokens().text(p + "name"),
                brand.tokens().text(p + "address")));
    }

    private int maxExclamations() {
        return Integer.parseInt(brand.tokens().css("voice.max-exclamation-marks"));
    }

    private String defaultText(RenderScope scope, Map<String, Object> touchpoint, String key) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("brand", brand.brandModel());
        model.put("touchpoint", touchpoint);
        Context context = Context.newBuilder(model).resolver(ModelResolver.INSTANCE).build();
        context.data(RenderScope.KEY, scope);
        try {
            return singleLine(Helpers.message(scope, key, context, Map.of()));
        } catch (HandlebarsException e) {
            throw translate(e, scope, key);
        }
    }

    private ContentFingerprint fingerprint(RenderScope scope, Map<String, String> canonical) {
        TemplateDescriptor descriptor = scope.template.descriptor();
        return new ContentFingerprint(descriptor.id(), descriptor.version(), Fingerprints.sha256(canonical),
                scope.messageTag, scope.channel);
    }

    private String apply(Template template, Context context, RenderScope scope, String field) {
        try {
            // Template.apply(Context) writes into a fixed-size buffer that doubles as it fills (and is copied once
            // more to become the String): for a 9 KB email the growth copies were the largest allocation site of a
            // render. Sizing the buffer by the largest output this template gave before does the same writes once.
            Integer expected = outputSizes.get(template);
            StringBuilderWriter out = new StringBuilderWriter(expected == null ? 1_600 : expected);
            template.apply(context, out);
            String text = out.toString();
            if (expected == null || text.length() > expected) {
                outputSizes.put(template, text.length());
            }
            return text;
        } catch (HandlebarsException e) {
            throw translate(e, scope, field);
        } catch (IOException e) {
            throw new RenderException(Reason.TEMPLATE_ERROR, scope.template.descriptor().id(), scope.messageTag,
                    scope.channel, field, e.getMessage(), List.of(), e);
        }
    }

    private RenderException translate(HandlebarsException e, RenderScope scope, String field) {
        String id = scope.template.descriptor().id();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RenderException render) {
                return render;
            }
            if (cause instanceof Helpers.MissingValueException missing) {
                return new RenderException(Reason.MISSING_VARIABLE, id, scope.messageTag, scope.channel,
                        missing.name, missing.getMessage() + " at " + position(e) + " while rendering " + field,
                        List.of(), e);
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new RenderException(Reason.TEMPLATE_ERROR, id, scope.messageTag, scope.channel, field,
                root.getMessage() + " at " + position(e), List.of(), e);
    }

    private static String position(HandlebarsException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int colon = message.indexOf(": ");
        return colon > 0 ? message.substring(0, colon) : message.lines().findFirst().orElse("?");
    }

    /** One line: any run of whitespace (including line breaks) becomes one space. */
    static String singleLine(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    /** Normalised line breaks, no trailing spaces, at most one empty line in a row, trimmed. */
    static String multiLine(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        StringBuilder out = new StringBuilder();
        int blank = 0;
        for (String line : lines) {
            String trimmed = line.stripTrailing();
            if (trimmed.isBlank()) {
                blank++;
                continue;
            }
            if (!out.isEmpty()) {
                out.append(blank > 0 ? "\n\n" : "\n");
            }
            out.append(trimmed);
            blank = 0;
        }
        return out.toString().strip();
    }

    /** An unsynchronised {@link java.io.Writer} into a {@link StringBuilder} of a given initial capacity. */
    private static final class StringBuilderWriter extends java.io.Writer {
        private final StringBuilder buffer;

        StringBuilderWriter(int capacity) {
            this.buffer = new StringBuilder(capacity);
        }

        @Override
        public void write(int c) {
            buffer.append((char) c);
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            buffer.append(chars, offset, length);
        }

        @Override
        public void write(String text) {
            buffer.append(text);
        }

        @Override
        public void write(String text, int offset, int length) {
            buffer.append(text, offset, offset + length);
        }

        @Override
        public java.io.Writer append(CharSequence text) {
            buffer.append(text);
            return this;
        }

        @Override
        public java.io.Writer append(CharSequence text, int start, int end) {
            buffer.append(text, start, end);
            return this;
        }

        @Override
        public java.io.Writer append(char c) {
            buffer.append(c);
            return this;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return buffer.toString();
        }
    }
}
