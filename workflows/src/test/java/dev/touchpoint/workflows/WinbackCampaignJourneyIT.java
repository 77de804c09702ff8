package dev.touchpoint.workflows;

import static dev.touchpoint.workflows.TouchpointContract.CUSTOMER_FACTS;
import static dev.touchpoint.workflows.TouchpointContract.EMAIL;
import static dev.touchpoint.workflows.TouchpointContract.EXPERIMENT_SPLIT;
import static dev.touchpoint.workflows.TouchpointContract.SMS;
import static dev.touchpoint.workflows.TouchpointContract.SUPPRESSED;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(JourneyEngineExtension.class)
class WinbackCampaignJourneyIT {

    private final JourneyEngine engine;
    private final List<Long> started = new ArrayList<>();

    WinbackCampaignJourneyIT(JourneyEngine engine) {
        this.engine = engine;
    }

    @AfterEach
    void cancelLeftovers() {
        started.forEach(engine::cancelQuietly);
    }

    /** Starts the journey as the campaign runner does and plays the experiment worker's assignment. */
    private long startWithVariant(String customerId, String variant) {
        return startWithVariant(customerId, variant, facts("SILVER", "kids"));
    }

    /** The customer facts worker's answer for a known customer. */
    private static Map<String, Object> facts(String tier, String favouriteCategory) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("favouriteCategory", favouriteCategory);
        Map<String, Object> facts = new HashMap<>();
        facts.put("known", true);
        facts.put("loyaltyTier", tier);
        facts.put("homeStore", "BER-01");
        facts.put("attributes", attributes);
        return facts;
    }

    private long startWithVariant(String customerId, String variant, Map<String, Object> customerFacts) {
        long instance = engine.createInstance("winback-campaign", Map.of("customerId", customerId,
                "campaignId", "winback-2026-11", "offerExpires", "2026-12-15"));
        started.add(instance);
        ActivatedJob lookUp = engine.awaitJob(instance, CUSTOMER_FACTS);
        assertThat(lookUp.getElementId()).isEqualTo("look-up-customer");
        assertThat(lookUp.getCustomHeaders()).containsExactlyInAnyOrderEntriesOf(
                Map.of("attributes", "favouriteCategory", "resultVariable", "customer"));
        engine.complete(lookUp, Map.of("customer", customerFacts));
        ActivatedJob split = engine.awaitJob(instance, EXPERIMENT_SPLIT);
        assertThat(split.getElementId()).isEqualTo("assign-subject-variant");
        assertThat(split.getCustomHeaders()).containsExactlyInAnyOrderEntriesOf(
                Map.of("experiment", "winback-subject", "split", "50"));
        assertThat(split.getVariablesAsMap()).containsEntry("customerId", customerId);
        engine.complete(split, Map.of("variant", variant));
        return instance;
    }

    /** The DMN decision winback-offer, evaluated by the engine, picks the code and percent each email and SMS carries. */
    @ParameterizedTest(name = "{0} / {1} gets {2} ({3} %)")
    @CsvSource(nullValues = "null", value = {
            "GOLD, kids, VIP25, 25",
            "platinum, null, VIP25, 25",
            "SILVER, Outdoor, OUTDOOR20, 20",
            "SILVER, kids, COMEBACK20, 20",
            "BRONZE, outdoor, OUTDOOR15, 15",
            "BRONZE, beauty, COMEBACK10, 10",
            "null, null, COMEBACK10, 10"})
    void theOfferIsChosenByTheDecisionTableOnTierAndFavouriteCategory(String tier, String category, String code, int percent) {
        String customer = "c-winback-dmn-" + java.util.UUID.randomUUID();
        long instance = startWithVariant(customer, "B", facts(tier, category));

        ActivatedJob email = engine.awaitJob(instance, EMAIL);
        @SuppressWarnings("unchecked")
        Map<String, Object> templateVariables = (Map<String, Object>) email.getVariablesAsMap().get("templateVariables");
        assertThat(templateVariables).containsEntry("offerCode", code).containsEntry("offerPercent", percent)
                .containsEntry("offerExpires", "2026-12-15").containsEntry("subjectVariantB", true);
        assertThat(engine.completedElements(instance)).containsSubsequence("look-up-customer", "choose-winback-offer",
                "assign-subject-variant");
        engine.sent(email, "email");
        engine.passTimer(instance, "three-days-passed", Duration.ofDays(3));
        @SuppressWarnings("unchecked")
        Map<String, Object> smsVariables = (Map<String, Object>) engine.awaitJob(instance, SMS).getVariablesAsMap().get("templateVariables");
        assertThat(smsVariables).containsEntry("offerCode", code).containsEntry("offerPercent", percent);
    }

    @Test
    void aCustomerTheContextDoesNotKnowGetsTheDefaultOffer() {
        Map<String, Object> unknown = new HashMap<>(facts(null, null));
        unknown.put("known", false);
        unknown.put("homeStore", null);
        long instance = startWithVariant("c-winback-unknown", "A", unknown);
        @SuppressWarnings("unchecked")
        Map<String, Object> templateVariables = (Map<String, Object>) engine.awaitJob(instance, EMAIL).getVariablesAsMap().get("templateVariables");
        assertThat(templateVariables).containsEntry("offerCode", "COMEBACK10").containsEntry("offerPercent", 10);
    }

    @Test
    void variantAGetsEmailAAndAClickEndsTheJourney() {
        long instance = startWithVariant("c-winback-1", "A");

        ActivatedJob email = engine.awaitJob(instance, EMAIL);
        assertThat(email.getElementId()).isEqualTo("send-winback-email-a");
        assertThat(email.getCustomHeaders()).containsEntry("templateId", "winback-offer");
        assertThat(email.getVariablesAsMap()).containsEntry("variant", "A");
        engine.sent(email, "email");

        engine.awaitMessageSubscription(instance, "link.clicked");
        engine.publish("link.clicked", "c-winback-1", Map.of());

        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence(
                "assign-subject-variant", "send-winback-email-a", "variant-a-sent", "send-winback-email", "link-clicked",
                "ended-link-clicked");
        assertThat(engine.activatedElements(instance)).doesNotContain("send-winback-email-b", "send-winback-sms");
    }

    @Test
    void variantBNonClickersGetTheSmsAfterThreeDays() {
        long instance = startWithVariant("c-winback-2", "B");
        ActivatedJob email = engine.awaitJob(instance, EMAIL);
        assertThat(email.getElementId()).isEqualTo("send-winback-email-b");
        engine.sent(email, "email");

        engine.passTimer(instance, "three-days-passed", Duration.ofDays(3));
        ActivatedJob sms = engine.awaitJob(instance, SMS);
        assertThat(sms.getElementId()).isEqualTo("send-winback-sms");
        assertThat(sms.getCustomHeaders()).containsEntry("templateId", "winback-offer");
        engine.sent(sms, "sms");

        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence(
                "send-winback-email-b", "three-days-passed", "send-winback-sms", "followed-up-by-sms");
    }

    @Test
    void aPurchaseEndsTheCampaignWhileItWaitsForAClick() {
        long instance = startWithVariant("c-winback-3", "A");
        engine.sent(engine.awaitJob(instance, EMAIL), "email");
        engine.awaitTimer(instance, "three-days-passed");

        engine.publish("purchase.completed", "c-winback-3", Map.of("orderId", "o-3"));

        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence("purchase-completed", "goal-reached");
        assertThat(engine.activatedElements(instance)).doesNotContain("send-winback-sms");
    }

    @Test
    void anEmailThatIsNotSentEndsTheJourneyWithoutAFollowUp() {
        long instance = startWithVariant("c-winback-4", "B");
        engine.fails(engine.awaitJob(instance, EMAIL), SUPPRESSED, "NO_CONSENT");

        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence("winback-email-suppressed", "ended-email-suppressed");
        assertThat(engine.activatedElements(instance)).doesNotContain("wait-for-click", "send-winback-sms");
    }
}
