package dev.touchpoint.brand;

import dev.touchpoint.channel.ListUnsubscribe;

import dev.touchpoint.channel.Channel;

import dev.touchpoint.channel.gsm.SmsEncoding;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Channel results, locales, formatting, fingerprints and thread safety of the shipped brand. */
class RenderingTest {

    private final BrandDesignSystem brand = Brands.shipped();

    @ParameterizedTest
    @CsvSource({
            "zh-Hant-HK, zh-Hant", "zh-HK, zh-Hant", "zh-TW, zh-Hant", "zh-MO, zh-Hant", "zh-Hant, zh-Hant",
            "zh-CN, zh-Hans", "zh-SG, zh-Hans", "zh, zh-Hans", "zh-Hans-CN, zh-Hans",
            "de-AT, de", "de-CH, de", "de, de", "en-GB, en", "en-US, en", "fr-FR, en", "ja, en", "und, en"})
    void locales_fall_back_along_their_chain_to_the_default(String requested, String resolved) {
        assertThat(brand.resolveLocale(Locale.forLanguageTag(requested))).isEqualTo(resolved);
    }

    @Test
    void messages_fall_back_while_formats_follow_the_requested_region() {
        RenderedPush hongKong = brand.renderPush(Brands.sample("cart-reminder", Channel.PUSH, "zh-Hant-HK"));
        assertThat(hongKong.fingerprint().locale()).isEqualTo("zh-Hant");
        assertThat(hongKong.body()).contains("HK$1,510.00");

        Map<String, Object> variables = Brands.sampleVariables("order-shipped", "en");
        RenderRequest.Builder request = RenderRequest.builder("order-shipped", Channel.PUSH).variables(variables);
        assertThat(brand.renderPush(request.locale("en-US").build()).body()).endsWith("on Nov 24, 2026.");
        assertThat(brand.renderPush(request.locale("en-GB").build()).body()).endsWith("on 24 Nov 2026.");
        assertThat(brand.renderPush(request.locale("de-AT").build()).body()).contains("am 24.11.2026");
        assertThat(brand.renderPush(request.locale("zh-Hans").build()).body()).contains("2026年11月24日");
        // A French customer gets the English fallback, formatted in English too (no French month names).
        RenderedPush french = brand.renderPush(request.locale("fr-FR").build());
        assertThat(french.fingerprint().locale()).isEqualTo("en");
        assertThat(french.body()).endsWith("on Nov 24, 2026.");
    }

    @Test
    void currency_and_numbers_are_formatted_for_the_locale() {
        assertThat(brand.renderPush(Brands.sample("cart-reminder", Channel.PUSH, "en")).body()).contains("€178.80");
        assertThat(brand.renderPush(Brands.sample("cart-reminder", Channel.PUSH, "de")).body())
                .contains("178,80\u00A0€");
        assertThat(brand.renderPush(Brands.sample("cart-reminder", Channel.PUSH, "zh-Hans")).body())
                .contains("¥1,377.00");
        assertThat(brand.renderPush(Brands.sample("welcome", Channel.PUSH, "de")).body()).contains("15\u00A0%");
    }

    @Test
    void sms_formats_use_plain_spaces_so_german_stays_gsm7() {
        RenderedSms sms = brand.renderSms(Brands.sample("cart-reminder", Channel.SMS, "de"));
        assertThat(sms.body()).contains("178,80 €").doesNotContain("\u00A0");
        assertThat(sms.encoding()).isEqualTo(SmsEncoding.GSM_7);
        RenderedSms chinese = brand.renderSms(Brands.sample("cart-reminder", Channel.SMS, "zh-Hans"));
        assertThat(chinese.encoding()).isEqualTo(SmsEncoding.UCS_2);
    }

    @Test
    void marketing_sms_gets_the_localised_opt_out_and_transactional_does_not() {
        RenderedSms en = brand.renderSms(Brands.sample("welcome", Channel.SMS, "en"));
        assertThat(en.optOutAppended()).isTrue();
        assertThat(en.body()).endsWith("\nReply STOP to opt out");
        assertThat(brand.renderSms(Brands.sample("welcome", Channel.SMS, "de")).body())
                .endsWith("\nAntworte STOP zum Abmelden");
        assertThat(brand.renderSms(Brands.sample("welcome", Channel.SMS, "zh-Hant")).body()).endsWith("\n回覆STOP取消訂閱");
        RenderedSms shipped = brand.renderSms(Brands.sample("order-shipped", Channel.SMS, "en"));
        assertThat(shipped.optOutAppended()).isFalse();
        assertThat(shipped.body()).doesNotContain("STOP");
        assertThat(shipped.senderId()).isEqualTo("AsterOak");
    }

    @Test
    void the_segment_budget_fails_the_render_with_the_rule_named() {
        Map<String, Object> variables = Brands.sampleVariables("cart-reminder", "de");
        variables.put("cartUrl", "https://www.asteroak.example/cart/restore?c=" + "x".repeat(200));
        RenderRequest request = RenderRequest.builder("cart-reminder", Channel.SMS).locale("de")
                .variables(variables).build();
        assertThatThrownBy(() -> brand.render(request)).isInstanceOfSatisfying(RenderException.class, e -> {
            assertThat(e.reason()).isEqualTo(RenderException.Reason.RULE_VIOLATION);
            assertThat(e.templateId()).isEqualTo("cart-reminder");
            assertThat(e.locale()).isEqualTo("de");
            assertThat(e.field()).isEqualTo("body");
            assertThat(e.violations()).extracting(RuleViolation::rule).contains("sms.segment-budget");
        });
        RenderReport report = brand.check(request);
        assertThat(report.ok()).isFalse();
        assertThat(report.message()).isPresent();
        assertThat(report.errors()).extracting(RuleViolation::rule).containsExactly("sms.segment-budget");
    }

    @Test
    void marketing_email_hands_list_unsubscribe_data_to_the_adapter() {
        RenderedEmail email = brand.renderEmail(Brands.sample("welcome", Channel.EMAIL, "en"));
        ListUnsubscribe unsubscribe = email.listUnsubscribe().orElseThrow();
        assertThat(unsubscribe.oneClick()).hasToString(
                "https://www.asteroak.example/preferences/unsubscribe?t=sample-subscription-token");
        assertThat(unsubscribe.mailto()).hasToString(
                "mailto:unsubscribe@asteroak.example?subject=unsubscribe%20sample-subscription-token");
        assertThat(unsubscribe.headerValue()).startsWith("<https://").contains(">, <mailto:");
        assertThat(unsubscribe.postHeaderValue()).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(email.from()).isEqualTo(new SenderIdentity("Aster & Oak", "hello@news.asteroak.example"));
        assertThat(email.replyTo().address()).isEqualTo("care@asteroak.example");
        assertThat(email.text()).contains(unsubscribe.oneClick().toString());

        RenderedEmail shipped = brand.renderEmail(Brands.sample("order-shipped", Channel.EMAIL, "en"));
        assertThat(shipped.listUnsubscribe()).isEmpty();
        assertThat(shipped.from().address()).isEqualTo("orders@asteroak.example");
    }

    @Test
    void marketing_email_without_an_unsubscribe_token_is_refused() {
        RenderRequest request = RenderRequest.builder("welcome", Channel.EMAIL)
                .variables(Brands.sampleVariables("welcome", "en")).build();
        assertThatThrownBy(() -> brand.render(request)).isInstanceOfSatisfying(RenderException.class, e -> {
            assertThat(e.reason()).isEqualTo(RenderException.Reason.MISSING_VARIABLE);
            assertThat(e.field()).isEqualTo("unsubscribeToken");
        });
    }

    @Test
    void a_plain_text_alternative_is_generated_when_none_is_written() {
        RenderedEmail welcome = brand.renderEmail(Brands.sample("welcome", Channel.EMAIL, "en"));
        assertThat(welcome.textGenerated()).isTrue();
        assertThat(welcome.text())
                .startsWith("Welcome, it's good to have you here\n\nHi Ada,\n")
                .contains("WELCOME15", "Explore new arrivals (https://www.asteroak.example/new)",
                        "Aster & Oak GmbH, Torstraße 109")
                .doesNotContain("<", "&amp;", "&#", "\u200B", welcome.preheader());
        RenderedEmail shipped = brand.renderEmail(Brands.sample("order-shipped", Channel.EMAIL, "de"));
        assertThat(shipped.textGenerated()).isFalse();
        assertThat(shipped.text()).contains("Bestellnummer: AO-104729", "Sendung verfolgen: https://www.dhl.de/");
    }

    @Test
    void email_html_carries_preheader_lang_and_inlined_brand_tokens() {
        RenderedEmail email = brand.renderEmail(Brands.sample("cart-reminder", Channel.EMAIL, "zh-Hant"));
        assertThat(email.html()).startsWith("<!DOCTYPE html>").contains("<html lang=\"zh-Hant\"",
                "background-color:#f7f3ec", "<table role=\"presentation\"", email.preheader())
                .doesNotContainIgnoringCase("<script");
        assertThat(email.subject()).isEqualTo("你的購物袋還在等你");
    }

    @Test
    void kiosk_screens_are_self_contained_and_use_css_custom_properties() {
        RenderedKiosk kiosk = brand.renderKiosk(Brands.sample("welcome", Channel.KIOSK, "de"));
        assertThat(kiosk.html()).startsWith("<section class=\"tp-kiosk\" lang=\"de\"")
                .contains("--tp-color-background:#f7f3ec", "@media (prefers-color-scheme: dark)",
                        "--tp-color-background:#121412", "color:var(--tp-color-text)", "src=\"data:image/svg+xml;base64,")
                .doesNotContain("https://cdn.", "<script", "<a ");
        assertThat(kiosk.headline()).isEqualTo("Willkommen bei Aster & Oak");
        assertThat(kiosk.code()).contains("WELCOME15");
        assertThat(kiosk.offer()).contains("15\u00A0% Rabatt auf deine erste Bestellung");
        assertThat(kiosk.standalonePage()).startsWith("<!DOCTYPE html>").contains(kiosk.html());
    }

    @Test
    void push_payload_has_data_for_the_app_and_stays_small() {
        RenderedPush push = brand.renderPush(Brands.sample("order-shipped", Channel.PUSH, "de"));
        assertThat(push.deepLink()).hasToString("asteroak://orders/AO-104729");
        assertThat(push.androidChannelId()).isEqualTo("orders");
        assertThat(push.data()).containsEntry("orderNumber", "AO-104729").containsEntry("templateId",
                "order-shipped").containsEntry("category", "transactional").containsEntry("locale", "de");
        assertThat(push.payloadBytes()).isEqualTo(push.payloadJson().getBytes(StandardCharsets.UTF_8).length)
                .isLessThan(4096);
        assertThat(push.payloadJson()).startsWith("{\"notification\":{\"title\":\"Deine Bestellung ist unterwegs\"");
    }

    @Test
    void the_fingerprint_is_the_sha256_of_the_rendered_content() throws Exception {
        RenderedSms sms = brand.renderSms(Brands.sample("order-shipped", Channel.SMS, "en"));
        byte[] body = sms.body().getBytes(StandardCharsets.UTF_8);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(("body:" + body.length + ":").getBytes(StandardCharsets.UTF_8));
        digest.update(body);
        digest.update((byte) '\n');
        ContentFingerprint fingerprint = sms.fingerprint();
        assertThat(fingerprint.sha256()).isEqualTo(HexFormat.of().formatHex(digest.digest()));
        assertThat(fingerprint.templateId()).isEqualTo("order-shipped");
        assertThat(fingerprint.templateVersion()).isEqualTo("1.0.0");
        assertThat(fingerprint.locale()).isEqualTo("en");
        assertThat(fingerprint.channel()).isEqualTo(Channel.SMS);
    }

    @Test
    void the_same_input_gives_the_same_fingerprint_and_other_content_another() {
        RenderRequest request = Brands.sample("welcome", Channel.EMAIL, "de");
        assertThat(brand.render(request).fingerprint()).isEqualTo(brand.render(request).fingerprint());
        Map<String, Object> other = Brands.sampleVariables("welcome", "de");
        other.put("firstName", "Mia");
        RenderRequest changed = RenderRequest.builder("welcome", Channel.EMAIL).locale("de").zone("Europe/Berlin")
                .variables(other).unsubscribeToken("sample-subscription-token").build();
        assertThat(brand.render(changed).fingerprint().sha256()).isNotEqualTo(
                brand.render(request).fingerprint().sha256());
    }

    @Test
    void rendering_is_thread_safe() throws Exception {
        List<RenderRequest> requests = new ArrayList<>();
        for (TemplateDescriptor template : brand.templates()) {
            for (Channel channel : template.channels()) {
                for (String locale : brand.locales()) {
                    requests.add(Brands.sample(template.id(), channel, locale));
                }
            }
        }
        List<String> expected = requests.stream().map(r -> brand.render(r).fingerprint().sha256()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Callable<List<String>> task = () -> requests.stream()
                        .map(r -> brand.render(r).fingerprint().sha256()).toList();
                results.add(pool.submit(task));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
