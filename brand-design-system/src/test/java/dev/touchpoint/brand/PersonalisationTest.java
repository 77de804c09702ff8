package dev.touchpoint.brand;

import dev.touchpoint.channel.Channel;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Variables: defaults, types, required values, and the errors that name template, locale, channel and field. */
class PersonalisationTest {

    private final BrandDesignSystem brand = Brands.shipped();

    private RenderRequest welcome(Channel channel, String locale, Map<String, Object> variables) {
        return RenderRequest.builder("welcome", channel).locale(locale).zone("Europe/Berlin").variables(variables)
                .unsubscribeToken("tok-123").build();
    }

    private static Map<String, Object> welcomeVariables() {
        return new java.util.HashMap<>(Map.of("offerCode", "WELCOME15", "offerPercent", 15, "offerExpires",
                "2026-12-31"));
    }

    @Test
    void a_missing_first_name_falls_back_to_the_declared_localised_default() {
        assertThat(brand.renderEmail(welcome(Channel.EMAIL, "en", welcomeVariables())).text()).contains("Hi there,");
        assertThat(brand.renderEmail(welcome(Channel.EMAIL, "de", welcomeVariables())).text())
                .contains("Hallo zusammen,");
        assertThat(brand.renderSms(welcome(Channel.SMS, "zh-Hans", welcomeVariables())).body())
                .contains("亲爱的顾客，你好");
        assertThat(brand.renderSms(welcome(Channel.SMS, "zh-Hant", welcomeVariables())).body())
                .contains("親愛的顧客，你好");
    }

    @Test
    void a_blank_first_name_counts_as_missing() {
        Map<String, Object> variables = welcomeVariables();
        variables.put("firstName", "   ");
        assertThat(brand.renderSms(welcome(Channel.SMS, "en", variables)).body()).contains("Hi there,");
    }

    @Test
    void a_literal_default_is_used_for_a_missing_url() {
        assertThat(brand.renderEmail(welcome(Channel.EMAIL, "en", welcomeVariables())).html())
                .contains("href=\"https://www.asteroak.example/new\"");
    }

    @Test
    void a_missing_required_variable_is_an_explicit_error_never_a_hole() {
        Map<String, Object> variables = welcomeVariables();
        variables.remove("offerCode");
        assertThatThrownBy(() -> brand.render(welcome(Channel.SMS, "de", variables)))
                .isInstanceOfSatisfying(RenderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RenderException.Reason.MISSING_VARIABLE);
                    assertThat(e.templateId()).isEqualTo("welcome");
                    assertThat(e.locale()).isEqualTo("de");
                    assertThat(e.channel()).isEqualTo(Channel.SMS);
                    assertThat(e.field()).isEqualTo("offerCode");
                    assertThat(e.getMessage()).contains("welcome", "sms", "de", "offerCode");
                });
    }

    @Test
    void wrong_types_and_formats_are_invalid_variables() {
        Map<String, Object> badNumber = welcomeVariables();
        badNumber.put("offerPercent", "fifteen");
        assertThatThrownBy(() -> brand.render(welcome(Channel.SMS, "en", badNumber)))
                .isInstanceOfSatisfying(RenderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RenderException.Reason.INVALID_VARIABLE);
                    assertThat(e.field()).isEqualTo("offerPercent");
                });
        Map<String, Object> badCode = welcomeVariables();
        badCode.put("offerCode", "welcome 15");
        assertThatThrownBy(() -> brand.render(welcome(Channel.SMS, "en", badCode)))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.field()).isEqualTo("offerCode"));
        Map<String, Object> badDate = welcomeVariables();
        badDate.put("offerExpires", "31.12.2026");
        assertThatThrownBy(() -> brand.render(welcome(Channel.SMS, "en", badDate)))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.field()).isEqualTo("offerExpires"));
        Map<String, Object> notHttps = welcomeVariables();
        notHttps.put("shopUrl", "http://www.asteroak.example/new");
        assertThatThrownBy(() -> brand.render(welcome(Channel.EMAIL, "en", notHttps)))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.field()).isEqualTo("shopUrl"));
        Map<String, Object> tooLong = welcomeVariables();
        tooLong.put("firstName", "x".repeat(61));
        assertThatThrownBy(() -> brand.render(welcome(Channel.SMS, "en", tooLong)))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.field()).isEqualTo("firstName"));
    }

    @Test
    void java_values_of_every_declared_type_are_accepted() {
        Map<String, Object> variables = Map.of("offerCode", "WELCOME15", "offerPercent", 15L, "offerExpires",
                LocalDate.of(2026, 12, 31), "firstName", "Ada");
        assertThat(brand.renderSms(welcome(Channel.SMS, "en", variables)).body()).contains("Dec 31, 2026", "Ada");
        RenderRequest cart = RenderRequest.builder("cart-reminder", Channel.PUSH).locale("en")
                .variable("cartItems", List.of(Map.of("name", "Mug", "quantity", 1, "price",
                        new Money(new BigDecimal("24.90"), java.util.Currency.getInstance("EUR")))))
                .variable("cartTotal", Money.of("24.90", "EUR"))
                .variable("cartUrl", java.net.URI.create("https://www.asteroak.example/cart"))
                .build();
        assertThat(brand.renderPush(cart).body()).isEqualTo("1 item for €24.90, ready when you are.");
    }

    @Test
    void list_items_are_checked_field_by_field() {
        Map<String, Object> variables = Brands.sampleVariables("cart-reminder", "en");
        variables.put("cartItems", List.of(Map.of("name", "Mug", "quantity", 1, "price",
                Map.of("amount", "24.90", "currency", "EUR")), Map.of("name", "Plate", "quantity", 2)));
        RenderRequest request = RenderRequest.builder("cart-reminder", Channel.SMS).locale("en")
                .variables(variables).build();
        assertThatThrownBy(() -> brand.render(request)).isInstanceOfSatisfying(RenderException.class, e -> {
            assertThat(e.reason()).isEqualTo(RenderException.Reason.MISSING_VARIABLE);
            assertThat(e.field()).isEqualTo("cartItems[1].price");
        });
        variables.put("cartItems", List.of());
        assertThatThrownBy(() -> brand.render(RenderRequest.builder("cart-reminder", Channel.SMS).locale("en")
                .variables(variables).build())).isInstanceOfSatisfying(RenderException.class,
                e -> assertThat(e.field()).isEqualTo("cartItems"));
    }

    @Test
    void plural_forms_follow_the_language() {
        Map<String, Object> one = Brands.sampleVariables("cart-reminder", "en");
        one.put("cartItems", List.of(Map.of("name", "Mug", "quantity", 1, "price",
                Map.of("amount", "24.90", "currency", "EUR"))));
        RenderRequest.Builder request = RenderRequest.builder("cart-reminder", Channel.PUSH).variables(one);
        assertThat(brand.renderPush(request.locale("en").build()).body()).startsWith("1 item for");
        assertThat(brand.renderPush(request.locale("de").build()).body()).startsWith("1 Artikel für");
        assertThat(brand.renderPush(Brands.sample("cart-reminder", Channel.PUSH, "en")).body())
                .startsWith("2 items for");
        assertThat(brand.renderPush(Brands.sample("cart-reminder", Channel.PUSH, "zh-Hans")).body())
                .startsWith("2件商品");
    }

    @Test
    void optional_variables_without_default_are_left_out_cleanly() {
        Map<String, Object> variables = Brands.sampleVariables("winback-offer", "en");
        String withDate = brand.renderEmail(RenderRequest.builder("winback-offer", Channel.EMAIL).locale("en")
                .variables(variables).unsubscribeToken("t").build()).text();
        assertThat(withDate).contains("Your last order with us was on March 2, 2026.");
        variables.remove("lastOrderDate");
        String without = brand.renderEmail(RenderRequest.builder("winback-offer", Channel.EMAIL).locale("en")
                .variables(variables).unsubscribeToken("t").build()).text();
        assertThat(without).doesNotContain("last order").contains("A lot has happened");

        Map<String, Object> greeting = Brands.sampleVariables("store-greeting", "en");
        assertThat(brand.renderKiosk(RenderRequest.builder("store-greeting", Channel.KIOSK).locale("en")
                .variables(greeting).build()).headline()).isEqualTo("Welcome back, Ada");
        greeting.remove("firstName");
        assertThat(brand.renderKiosk(RenderRequest.builder("store-greeting", Channel.KIOSK).locale("en")
                .variables(greeting).build()).headline()).isEqualTo("Welcome to Aster & Oak");
    }

    @Test
    void datetimes_need_an_offset_and_are_shown_in_the_customer_zone() {
        Map<String, Object> variables = Brands.sampleVariables("order-shipped", "en");
        variables.put("shippedAt", LocalDateTime.of(2026, 11, 22, 14, 35));
        assertThatThrownBy(() -> brand.render(RenderRequest.builder("order-shipped", Channel.EMAIL).locale("en")
                .variables(variables).build())).isInstanceOfSatisfying(RenderException.class,
                e -> assertThat(e.field()).isEqualTo("shippedAt"));
        variables.put("shippedAt", Instant.parse("2026-11-22T14:35:00Z"));
        String berlin = brand.renderEmail(RenderRequest.builder("order-shipped", Channel.EMAIL).locale("en")
                .zone("Europe/Berlin").variables(variables).build()).text();
        String newYork = brand.renderEmail(RenderRequest.builder("order-shipped", Channel.EMAIL).locale("en-US")
                .zone("America/New_York").variables(variables).build()).text();
        assertThat(berlin).contains("Shipped: Nov 22, 2026, 3:35\u202FPM");
        assertThat(newYork).contains("Shipped: Nov 22, 2026, 9:35\u202FAM");
    }

    @Test
    void control_characters_and_bidi_overrides_are_removed_from_text() {
        Map<String, Object> variables = welcomeVariables();
        variables.put("firstName", "A\u0000d\u202Ea\u0007");
        assertThat(brand.renderSms(welcome(Channel.SMS, "en", variables)).body()).contains("Hi Ada,");
    }

    @Test
    void a_subject_stays_one_line_whatever_the_data() {
        Map<String, Object> variables = Brands.sampleVariables("order-shipped", "en");
        variables.put("orderNumber", "AO-1");
        RenderedEmail email = brand.renderEmail(RenderRequest.builder("order-shipped", Channel.EMAIL).locale("en")
                .variables(variables).build());
        assertThat(email.subject()).isEqualTo("Your order AO-1 is on its way").doesNotContain("\n", "\r");
    }

    @Test
    void unknown_variables_are_ignored_and_unknown_templates_or_channels_fail() {
        Map<String, Object> variables = welcomeVariables();
        variables.put("internalScore", 0.93);
        assertThat(brand.renderSms(welcome(Channel.SMS, "en", variables)).body()).doesNotContain("0.93");
        assertThatThrownBy(() -> brand.render(RenderRequest.builder("nope", Channel.SMS).build()))
                .isInstanceOfSatisfying(RenderException.class,
                        e -> assertThat(e.reason()).isEqualTo(RenderException.Reason.UNKNOWN_TEMPLATE));
        assertThatThrownBy(() -> brand.render(RenderRequest.builder("store-greeting", Channel.EMAIL).build()))
                .isInstanceOfSatisfying(RenderException.class,
                        e -> assertThat(e.reason()).isEqualTo(RenderException.Reason.UNSUPPORTED_CHANNEL));
    }

    @Test
    void descriptors_tell_callers_what_a_template_needs() {
        TemplateDescriptor cart = brand.descriptor("cart-reminder").orElseThrow();
        assertThat(cart.category()).isEqualTo(Category.MARKETING);
        assertThat(cart.channels()).containsExactly(Channel.EMAIL, Channel.SMS, Channel.PUSH);
        assertThat(cart.requiredVariables()).extracting(VariableSpec::name)
                .containsExactly("cartItems", "cartTotal", "cartUrl");
        VariableSpec firstName = cart.variable("firstName").orElseThrow();
        assertThat(firstName.required()).isFalse();
        assertThat(firstName.defaultMessageKey()).contains("brand.defaults.firstName");
        assertThat(cart.variable("cartItems").orElseThrow().items()).extracting(VariableSpec::name)
                .containsExactly("name", "quantity", "price");
        assertThat(brand.descriptor("order-shipped").orElseThrow().category()).isEqualTo(Category.TRANSACTIONAL);
        assertThat(brand.descriptor("welcome").orElseThrow().variable("shopUrl").orElseThrow().defaultLiteral())
                .contains("https://www.asteroak.example/new");
        assertThat(brand.templates()).extracting(TemplateDescriptor::id).containsExactly("welcome",
                "cart-reminder", "store-greeting", "winback-offer", "order-shipped", "nps-survey", "csat-survey", "service-recovery");
        assertThat(brand.descriptor("nps-survey").orElseThrow().survey()).contains(SurveyMetric.NPS);
        assertThat(brand.descriptor("welcome").orElseThrow().survey()).isEmpty();
        assertThat(brand.descriptor("unknown")).isEmpty();
    }
}
