package dev.touchpoint.brand;

import dev.touchpoint.channel.Channel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hostile customer data comes out escaped (HTML) or verbatim (plain-text channels) and is never evaluated: not by
 * Handlebars, not as a Java/Spring expression, not as HTML, in every channel and locale of every template.
 */
class InjectionTest {

    static final List<String> PAYLOADS = List.of(
            "<script>alert(1)</script>",
            "{{brand.name}}",
            "{{#each brand}}x{{/each}}",
            "${7*7}",
            "__${T(java.lang.Runtime)}__",
            "#{7*7}",
            "<%= 7*7 %>",
            "\"><img src=x onerror=alert(1)>",
            "' onmouseover='alert(1)");

    private final BrandDesignSystem brand = Brands.shipped();

    /** Puts the payload into every free-text variable (no format pattern) of the template's sample data. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> poisoned(TemplateDescriptor template, String locale, String payload) {
        Map<String, Object> variables = Brands.sampleVariables(template.id(), locale);
        for (VariableSpec spec : template.variables()) {
            if (spec.type() == VariableType.STRING && spec.pattern() == null) {
                variables.put(spec.name(), payload);
            }
            if (spec.type() == VariableType.LIST && variables.get(spec.name()) instanceof List<?> items) {
                variables.put(spec.name(), items.stream().map(item -> {
                    Map<String, Object> copy = new java.util.LinkedHashMap<>((Map<String, Object>) item);
                    copy.put("name", payload);
                    return copy;
                }).toList());
            }
        }
        return variables;
    }

    @Test
    void payloads_are_escaped_in_html_and_verbatim_in_text_for_every_template_channel_and_locale() {
        int checked = 0;
        for (TemplateDescriptor template : brand.templates()) {
            for (Channel channel : template.channels()) {
                for (String locale : brand.locales()) {
                    RenderedMessage baseline = brand.render(Brands.sample(template.id(), channel, locale));
                    List<String> sampleTexts = freeTexts(template, locale);
                    for (String payload : PAYLOADS) {
                        String where = template.id() + " " + channel.id() + " " + locale + " " + payload;
                        RenderRequest request = RenderRequest.builder(template.id(), channel).locale(locale)
                                .zone("Europe/Berlin").variables(poisoned(template, locale, payload))
                                .unsubscribeToken("tok").surveyLinks(brand.sample(template.id(), locale)
                                        .map(PreviewSample::surveyLinks).orElse(null)).build();
                        RenderReport report = brand.check(request);
                        assertThat(report.failure()).as(where).isEmpty();
                        // Longer data may exceed a length budget; no other rule (no script, no broken markup) breaks.
                        assertThat(report.errors()).as(where).extracting(RuleViolation::rule)
                                .allMatch(rule -> rule.equals("sms.segment-budget"));
                        for (Content content : contents(baseline, report.message().orElseThrow())) {
                            boolean printsData = sampleTexts.stream().anyMatch(text ->
                                    content.before().contains(content.html() ? escapeHtml(text) : text));
                            if (printsData) {
                                assertThat(content.after()).as(where + " " + content.name())
                                        .contains(content.html() ? escapeHtml(payload) : payload);
                            }
                            if (content.html() && payload.matches(".*[<>\"'].*")) {
                                assertThat(content.after()).as(where + " " + content.name()).doesNotContain(payload);
                            }
                        }
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(PAYLOADS.size() * 104);
    }

    private record Content(String name, boolean html, String before, String after) {
    }

    private static List<Content> contents(RenderedMessage before, RenderedMessage after) {
        return switch (after) {
            case RenderedEmail email -> List.of(
                    new Content("html", true, ((RenderedEmail) before).html(), email.html()),
                    new Content("text", false, ((RenderedEmail) before).text(), email.text()),
                    new Content("subject", false, ((RenderedEmail) before).subject(), email.subject()));
            case RenderedKiosk kiosk -> List.of(
                    new Content("html", true, ((RenderedKiosk) before).html(), kiosk.html()),
                    new Content("headline", false, ((RenderedKiosk) before).headline(), kiosk.headline()));
            case RenderedSms sms -> List.of(new Content("body", false, ((RenderedSms) before).body(), sms.body()));
            case RenderedPush push -> List.of(
                    new Content("title", false, ((RenderedPush) before).title(), push.title()),
                    new Content("body", false, ((RenderedPush) before).body(), push.body()),
                    new Content("payload", false, ((RenderedPush) before).payloadJson(), push.payloadJson()
                            .replace("\\\"", "\"")));
        };
    }

    /** The sample values that the poisoning replaces. */
    private static List<String> freeTexts(TemplateDescriptor template, String locale) {
        Map<String, Object> sample = Brands.sampleVariables(template.id(), locale);
        List<String> texts = new java.util.ArrayList<>();
        for (VariableSpec spec : template.variables()) {
            if (spec.type() == VariableType.STRING && spec.pattern() == null && sample.get(spec.name()) != null) {
                texts.add(sample.get(spec.name()).toString());
            }
            if (spec.type() == VariableType.LIST && sample.get(spec.name()) instanceof List<?> items) {
                items.forEach(item -> texts.add(String.valueOf(((Map<?, ?>) item).get("name"))));
            }
        }
        return texts;
    }

    /** Line breaks meant to split an email header, and characters that make text look like something else. */
    static final List<String> CONTROL_AND_SPOOFING = List.of(
            "Ana\r\nBcc: evil@example.com",
            "Ana\nSubject: you won",
            "Ana\rX-Injected: 1",
            "Ana\u0085Bcc: evil@example.com",
            "Ana\u2028\u2029Bcc: evil@example.com",
            "\u202Egnp.exe",
            "Ana\u2066\u202Dx\u2069",
            "A\u0000B\u0007C\u001B[31m",
            "Ana\u009BC");

    /** Unusual but legitimate text: printed as it is. */
    static final List<String> INTERNATIONAL = List.of(
            "Ａｎａ", "аpple", "Zoë\u0301", "👩\u200D👩\u200D👧", "محمد", "王小明", "Ана");

    @Test
    void control_characters_and_direction_overrides_never_reach_a_message_and_single_line_fields_stay_single_lines() {
        int checked = 0;
        for (TemplateDescriptor template : brand.templates()) {
            for (Channel channel : template.channels()) {
                for (String locale : brand.locales()) {
                    for (String payload : CONTROL_AND_SPOOFING) {
                        String where = template.id() + " " + channel.id() + " " + locale + " " + payload.codePoints()
                                .mapToObj(c -> c < 0x20 || c > 0x7E ? String.format("U+%04X", c) : Character.toString(c)).toList();
                        RenderRequest request = RenderRequest.builder(template.id(), channel).locale(locale)
                                .zone("Europe/Berlin").variables(poisoned(template, locale, payload))
                                .unsubscribeToken("tok").surveyLinks(brand.sample(template.id(), locale)
                                        .map(PreviewSample::surveyLinks).orElse(null)).build();
                        RenderReport report = brand.check(request);
                        assertThat(report.failure()).as(where).isEmpty();
                        RenderedMessage message = report.message().orElseThrow();
                        for (Content content : contents(message, message)) {
                            String text = content.after();
                            assertThat(text.codePoints().filter(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                                    || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)))
                                    .as(where + " " + content.name() + ": control or direction characters").isEmpty();
                        }
                        for (String single : singleLineFields(message)) {
                            assertThat(single).as(where + ": a single-line field").doesNotContain("\r", "\n", "\u2028", "\u2029", "\u0085");
                        }
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(CONTROL_AND_SPOOFING.size() * 104);
    }

    @Test
    void international_names_are_printed_as_they_are() {
        for (String name : INTERNATIONAL) {
            Map<String, Object> variables = Brands.sampleVariables("welcome", "en");
            variables.put("firstName", name);
            // non-GSM letters make the SMS UCS-2 (and may exceed its segment budget: a rule, not a refusal of the name)
            RenderReport sms = brand.check(RenderRequest.builder("welcome", Channel.SMS).locale("en").variables(variables).build());
            assertThat(((RenderedSms) sms.message().orElseThrow()).body()).as(name).contains(name);
            RenderedEmail email = brand.renderEmail(RenderRequest.builder("welcome", Channel.EMAIL).locale("en").variables(variables)
                    .unsubscribeToken("t").build());
            assertThat(email.html()).as(name).contains(name);
        }
    }

    private static List<String> singleLineFields(RenderedMessage message) {
        return switch (message) {
            case RenderedEmail email -> java.util.Arrays.asList(email.subject(), email.preheader());
            case RenderedKiosk kiosk -> List.of(kiosk.headline());
            case RenderedPush push -> List.of(push.title());
            case RenderedSms sms -> List.of();
        };
    }

    @Test
    void template_syntax_in_data_is_printed_not_evaluated() {
        Map<String, Object> variables = Brands.sampleVariables("welcome", "en");
        variables.put("firstName", "{{brand.legalName}}");
        RenderRequest request = RenderRequest.builder("welcome", Channel.SMS).locale("en").variables(variables)
                .build();
        assertThat(brand.renderSms(request).body()).contains("Hi {{brand.legalName}},")
                .doesNotContain("Hi Aster & Oak GmbH");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>x</script>",
            "//evil.example/x", "https://evil.example/\"><script>alert(1)</script>", "http://plain.example/",
            "https://user:pass@evil.example/"})
    void urls_that_are_not_plain_https_are_rejected(String url) {
        Map<String, Object> variables = Brands.sampleVariables("cart-reminder", "en");
        variables.put("cartUrl", url);
        RenderRequest request = RenderRequest.builder("cart-reminder", Channel.EMAIL).locale("en")
                .variables(variables).unsubscribeToken("t").build();
        assertThatThrownBy(() -> brand.render(request)).isInstanceOfSatisfying(RenderException.class, e -> {
            assertThat(e.reason()).isEqualTo(RenderException.Reason.INVALID_VARIABLE);
            assertThat(e.field()).isEqualTo("cartUrl");
        });
    }

    @Test
    void java_objects_in_customer_data_are_refused_not_printed() {
        Map<String, Object> variables = Brands.sampleVariables("welcome", "en");
        variables.put("firstName", new StringBuilderLike());
        RenderRequest request = RenderRequest.builder("welcome", Channel.SMS).locale("en").variables(variables)
                .build();
        assertThatThrownBy(() -> brand.render(request)).isInstanceOfSatisfying(RenderException.class, e -> {
            assertThat(e.reason()).isEqualTo(RenderException.Reason.INVALID_VARIABLE);
            assertThat(e.field()).isEqualTo("firstName");
        });
        assertThat(StringBuilderLike.called).isFalse();
    }

    @Test
    void templates_cannot_reach_java_methods_or_properties_of_values(@TempDir Path dir) {
        Path copy = Brands.copy(dir);
        Brands.replace(copy, "templates/order-shipped/locales/en.json", "\"Hi {{firstName}},\"",
                "\"Hi {{firstName.class.name}} {{firstName.bytes}} {{firstName.length}},\"");
        BrandDesignSystem probe = BrandDesignSystem.fromDirectory(copy);
        RenderRequest request = RenderRequest.builder("order-shipped", Channel.EMAIL).locale("en")
                .variables(Brands.sampleVariables("order-shipped", "en")).build();
        assertThatThrownBy(() -> probe.render(request)).isInstanceOfSatisfying(RenderException.class, e -> {
            assertThat(e.reason()).isEqualTo(RenderException.Reason.MISSING_VARIABLE);
            assertThat(e.field()).isEqualTo("firstName.class.name");
        });
    }

    @Test
    void unescaped_output_and_dangerous_helpers_are_refused_when_the_brand_loads(@TempDir Path dir) {
        Path triple = Brands.copy(dir.resolve("triple"));
        Brands.replace(triple, "templates/welcome/email.html.hbs", "code=offerCode", "code=offerCode}}{{{firstName");
        assertThatThrownBy(() -> BrandDesignSystem.fromDirectory(triple))
                .isInstanceOf(TemplateDefinitionException.class).hasMessageContaining("welcome/email.html.hbs")
                .hasMessageContaining("unescaped");
        Path ampersand = Brands.copy(dir.resolve("ampersand"));
        Brands.replace(ampersand, "partials/email-paragraph.hbs", "{{text}}", "{{& text}}");
        assertThatThrownBy(() -> BrandDesignSystem.fromDirectory(ampersand))
                .isInstanceOf(TemplateDefinitionException.class).hasMessageContaining("unescaped");
        Path log = Brands.copy(dir.resolve("log"));
        Brands.replace(log, "templates/welcome/sms.hbs", "{{t \"sms.body\"}}", "{{t \"sms.body\"}}{{log firstName}}");
        assertThatThrownBy(() -> BrandDesignSystem.fromDirectory(log))
                .isInstanceOf(TemplateDefinitionException.class).hasMessageContaining("'log' is not allowed");
        Path precompile = Brands.copy(dir.resolve("precompile"));
        Brands.replace(precompile, "templates/welcome/sms.hbs", "{{t \"sms.body\"}}",
                "{{t \"sms.body\"}}{{precompile \"partials/email-footer\"}}");
        assertThatThrownBy(() -> BrandDesignSystem.fromDirectory(precompile))
                .isInstanceOf(TemplateDefinitionException.class).hasMessageContaining("not allowed");
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#x27;").replace("`", "&#x60;").replace("=", "&#x3D;");
    }

    /** A caller's object whose toString must never be called by the renderer. */
    static final class StringBuilderLike {
        static volatile boolean called;

        @Override
        public String toString() {
            called = true;
            return "side effect";
        }
    }
}
