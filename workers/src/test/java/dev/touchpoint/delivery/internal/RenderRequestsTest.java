package dev.touchpoint.delivery.internal;

import dev.touchpoint.delivery.SurveyLinkIssuer;






import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.touchpoint.brand.BrandDesignSystem;
import dev.touchpoint.brand.RenderRequest;
import dev.touchpoint.brand.TemplateDescriptor;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the brand design system is asked to render for a touchpoint ({@link RenderRequests}). */
class RenderRequestsTest {

    private static final BrandDesignSystem BRAND = BrandDesignSystem.fromClasspath();
    private static final TemplateDescriptor WELCOME = BRAND.descriptor("welcome").orElseThrow(); // marketing
    private static final TemplateDescriptor ORDER_SHIPPED = BRAND.descriptor("order-shipped").orElseThrow(); // transactional

    private final RecipientResolver recipients = new RecipientResolver(mock(CustomerContextStore.class), "test-secret".getBytes());
    private final RenderRequests requests = new RenderRequests(BRAND, recipients, SurveyLinkIssuer.NONE);

    private static TouchpointJob job(TemplateDescriptor template, Map<String, String> headers, Map<String, Object> variables) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("templateId", template.id());
        return new TouchpointJob(1, 100, 200, "j", 1, "send", 3, TaskSettings.parse(all),
                new TouchpointVariables("c-1", variables, null, null, null));
    }

    private static CustomerProfile profile(Locale locale, ZoneId zone, String loyaltyTier) {
        return new CustomerProfile("c-1", "Mia", "Berg", locale, zone, "mia@example.com", null, List.of(), loyaltyTier, null,
                Map.of(), ChannelPreferences.NONE, null);
    }

    @Test
    void theCustomersNamesAndTierComeFirstAndTheJourneysVariablesWin() {
        RenderRequest request = requests.of(job(ORDER_SHIPPED, Map.of(), Map.of("firstName", "Mia-Sophie", "orderId", "O-1")),
                Channel.EMAIL, ORDER_SHIPPED, profile(Locale.GERMAN, ZoneId.of("Europe/Berlin"), "gold"), "tp-1");

        assertThat(request.templateId()).isEqualTo("order-shipped");
        assertThat(request.channel()).isEqualTo(dev.touchpoint.channel.Channel.EMAIL);
        assertThat(request.variables()).containsEntry("firstName", "Mia-Sophie").containsEntry("lastName", "Berg")
                .containsEntry("loyaltyTier", "gold").containsEntry("orderId", "O-1");
        assertThat(request.locale()).isEqualTo(Locale.GERMAN);
        assertThat(request.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void withoutTheCustomersLocaleAndZoneTheBrandsDefaultLocaleAndUtc() {
        RenderRequest request = requests.of(job(ORDER_SHIPPED, Map.of(), Map.of()), Channel.SMS, ORDER_SHIPPED,
                profile(null, null, null), "tp-1");

        assertThat(request.locale()).isEqualTo(Locale.forLanguageTag(BRAND.defaultLocale()));
        assertThat(request.zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(request.variables()).doesNotContainKey("loyaltyTier");
    }

    @Test
    void marketingCarriesAnUnsubscribeTokenAndTransactionalOnlyWhenTheTaskMakesItMarketing() {
        CustomerProfile mia = profile(Locale.ENGLISH, ZoneOffset.UTC, null);

        assertThat(requests.of(job(WELCOME, Map.of(), Map.of()), Channel.EMAIL, WELCOME, mia, "tp-1").unsubscribeTokenValue())
                .contains(recipients.unsubscribeToken("c-1", Channel.EMAIL));
        assertThat(requests.of(job(ORDER_SHIPPED, Map.of(), Map.of()), Channel.EMAIL, ORDER_SHIPPED, mia, "tp-1")
                .unsubscribeTokenValue()).isEmpty();
        assertThat(requests.of(job(ORDER_SHIPPED, Map.of("category", "marketing"), Map.of()), Channel.EMAIL, ORDER_SHIPPED, mia,
                "tp-1").unsubscribeTokenValue()).isPresent();
    }
}
