package dev.touchpoint.workflows;

import static dev.touchpoint.workflows.TouchpointContract.BEST_CHANNEL;
import static dev.touchpoint.workflows.TouchpointContract.EMAIL;
import static dev.touchpoint.workflows.TouchpointContract.SUPPRESSED;
import static dev.touchpoint.workflows.TouchpointContract.UNDELIVERABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(JourneyEngineExtension.class)
class OrderShippedJourneyIT {

    private final JourneyEngine engine;
    private final List<Long> started = new ArrayList<>();

    OrderShippedJourneyIT(JourneyEngine engine) {
        this.engine = engine;
    }

    @AfterEach
    void cancelLeftovers() {
        started.forEach(engine::cancelQuietly);
    }

    private static Map<String, Object> shipment(String customerId, String orderId) {
        return shipment(customerId, orderId, "00340434161094042557");
    }

    private static Map<String, Object> shipment(String customerId, String orderId, String trackingNumber) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("customerId", customerId);
        variables.put("orderId", orderId);
        variables.put("orderNumber", "AO-" + orderId.substring(2));
        variables.put("carrier", "DHL");
        variables.put("trackingNumber", trackingNumber);
        variables.put("trackingUrl", "https://tracking.example/" + trackingNumber);
        variables.put("shippedAt", "2026-11-22T14:35:00Z");
        variables.put("estimatedDelivery", "2026-11-24");
        return variables;
    }

    private long ship(String customerId, String orderId) {
        engine.publish("order.shipped", orderId, shipment(customerId, orderId));
        long instance = engine.awaitInstance("order-shipped", customerId);
        started.add(instance);
        return instance;
    }

    @Test
    void tellsTheCustomerOnTheBestOfPushAndSmsAndEndsAnHourLaterWithoutAFailure() {
        long instance = ship("c-ship-1", "o-104729");

        ActivatedJob notice = engine.awaitJob(instance, BEST_CHANNEL);
        assertThat(notice.getElementId()).isEqualTo("notify-shipping");
        assertThat(notice.getCustomHeaders()).containsEntry("templateId", "order-shipped")
                .containsEntry("category", "transactional").containsEntry("priority", "high")
                .containsEntry("channels", "push,sms").containsEntry("resultVariable", "shippingNotice")
                .doesNotContainKey("fallbackChannel");
        @SuppressWarnings("unchecked")
        Map<String, Object> templateVariables = (Map<String, Object>) notice.getVariablesAsMap().get("templateVariables");
        assertThat(templateVariables).containsEntry("orderNumber", "AO-104729").containsEntry("carrier", "DHL")
                .containsEntry("estimatedDelivery", "2026-11-24").containsEntry("items", null);
        engine.sent(notice, "push");
        engine.awaitMessageSubscription(instance, "message.failed");

        engine.passTimer(instance, "delivery-report-window-passed", Duration.ofHours(1));
        engine.awaitMessageSubscription(instance, "order.delivered");
        assertThat(engine.completedElements(instance)).containsSubsequence("notify-shipping", "wait-for-delivery-report",
                "delivery-report-window-passed", "notified", "notice-done");
        assertThat(engine.activatedElements(instance)).doesNotContain("email-shipping-notice", "ask-csat");

        // delivered (the shop's order.delivered, correlated by order id): the CSAT question on the best channel
        engine.publish("order.delivered", "o-104729", Map.of("customerId", "c-ship-1", "orderId", "o-104729"));
        ActivatedJob csat = engine.awaitJob(instance, BEST_CHANNEL);
        assertThat(csat.getElementId()).isEqualTo("ask-csat");
        assertThat(csat.getCustomHeaders()).containsEntry("templateId", "csat-survey").containsEntry("category", "marketing")
                .containsEntry("resultVariable", "csatSurvey").containsEntry("onSuppressed", "error")
                // not the kiosk the survey also has: after a delivery the customer is at home
                .containsEntry("channels", "email,sms,push");
        assertThat(csat.getVariablesAsMap().get("templateVariables")).isEqualTo(Map.of("measures", "order-shipped"));
        engine.sent(csat, "email");
        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence("notified", "order-delivered", "delivery-known",
                "ask-csat", "csat-asked");
        assertThat(engine.activatedElements(instance)).doesNotContain("delivery-window-passed");
    }

    @Test
    void withoutADeliveryReportTheCsatQuestionComesTenDaysLaterAndAWithheldSurveyEndsTheJourney() {
        long instance = ship("c-ship-5", "o-500001");
        engine.sent(engine.awaitJob(instance, BEST_CHANNEL), "push");
        engine.passTimer(instance, "delivery-report-window-passed", Duration.ofHours(1));
        // another order's delivery is not this journey's
        engine.publish("order.delivered", "o-500002", Map.of("customerId", "c-ship-5", "orderId", "o-500002"));
        engine.awaitTimer(instance, "delivery-window-passed");
        assertThat(engine.activatedElements(instance)).doesNotContain("ask-csat");

        engine.passTimer(instance, "delivery-window-passed", Duration.ofDays(10));
        ActivatedJob csat = engine.awaitJob(instance, BEST_CHANNEL);
        assertThat(csat.getElementId()).isEqualTo("ask-csat");
        // no marketing consent, or another survey within the fatigue window
        engine.fails(csat, SUPPRESSED, "BUDGET_EXHAUSTED");
        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence("delivery-window-passed", "delivery-known",
                "csat-suppressed", "csat-withheld");
        assertThat(engine.completedElements(instance)).doesNotContain("order-delivered");
    }

    @Test
    void aLateFailureOfTheMessageSentFallsBackToEmail() {
        long instance = ship("c-ship-2", "o-200001");
        ActivatedJob notice = engine.awaitJob(instance, BEST_CHANNEL);
        engine.sent(notice, "sms");
        engine.awaitMessageSubscription(instance, "message.failed");

        // another message of the same customer failing is not this journey's business
        engine.publish("message.failed", "SM-some-other-message", Map.of("customerId", "c-ship-2", "channel", "SMS",
                "status", "FAILED", "failureReason", "INVALID_ADDRESS"));
        // the vendor reports the notice itself undelivered (the ingress publishes it keyed by the provider's message id)
        engine.publish("message.failed", "test-" + notice.getKey(), Map.of("customerId", "c-ship-2", "channel", "SMS",
                "providerMessageId", "test-" + notice.getKey(), "status", "UNDELIVERED", "failureReason", "UNREACHABLE"));

        ActivatedJob email = engine.awaitJob(instance, EMAIL);
        assertThat(email.getElementId()).isEqualTo("email-shipping-notice");
        assertThat(email.getCustomHeaders()).containsEntry("category", "transactional").containsEntry("templateId", "order-shipped")
                .containsEntry("resultVariable", "shippingEmail");
        assertThat(email.getVariablesAsMap()).as("the failure of this journey's message, not the other one").containsEntry("shippingNoticeFailure",
                Map.of("channel", "SMS", "status", "UNDELIVERED", "failureReason", "UNREACHABLE"));
        engine.sent(email, "email");

        engine.awaitMessageSubscription(instance, "order.delivered");
        assertThat(engine.completedElements(instance)).containsSubsequence(
                "notify-shipping", "shipping-notice-failed", "shipping-email-needed", "email-shipping-notice", "notified-by-email",
                "notice-done");
    }

    @Test
    void fallsBackToEmailWhenNeitherPushNorSmsCanBeSent() {
        long instance = ship("c-ship-4", "o-400001");
        engine.fails(engine.awaitJob(instance, BEST_CHANNEL), SUPPRESSED, "UNREACHABLE");

        ActivatedJob email = engine.awaitJob(instance, EMAIL);
        assertThat(email.getElementId()).isEqualTo("email-shipping-notice");
        engine.fails(email, UNDELIVERABLE, "INVALID_ADDRESS");

        // the parcel is on its way even when no notice reached the customer: the CSAT question still follows delivery
        engine.awaitMessageSubscription(instance, "order.delivered");
        assertThat(engine.completedElements(instance)).containsSubsequence(
                "shipping-notice-suppressed", "shipping-email-needed", "shipping-email-undeliverable", "ended-email-undeliverable",
                "notice-done");
        engine.publish("order.delivered", "o-400001", Map.of("customerId", "c-ship-4", "orderId", "o-400001"));
        assertThat(engine.awaitJob(instance, BEST_CHANNEL).getElementId()).isEqualTo("ask-csat");
    }

    @Test
    void twoOrdersOfOneCustomerShippedTogetherEachGetANotice() {
        engine.publish("order.shipped", "o-300001", shipment("c-ship-3", "o-300001"));
        engine.publish("order.shipped", "o-300002", shipment("c-ship-3", "o-300002"));

        await().atMost(JourneyEngine.WAIT).until(() -> engine.instances("order-shipped", "c-ship-3").size() == 2);
        List<Long> instances = engine.instances("order-shipped", "c-ship-3");
        started.addAll(instances);
        for (long instance : instances) {
            engine.sent(engine.awaitJob(instance, BEST_CHANNEL), "push");
            engine.awaitMessageSubscription(instance, "message.failed");
        }
    }

    @Test
    void theSecondParcelOfASplitOrderGetsItsNoticeWhileTheFirstWaitsForItsDelivery() {
        // the ingress keys order.shipped by tracking number (config/event-routing.yaml): one journey per parcel
        engine.publish("order.shipped", "JD0001-A", shipment("c-ship-6", "o-600001", "JD0001-A"));
        long first = engine.awaitInstance("order-shipped", "c-ship-6");
        started.add(first);
        engine.sent(engine.awaitJob(first, BEST_CHANNEL), "push");

        engine.publish("order.shipped", "JD0001-B", shipment("c-ship-6", "o-600001", "JD0001-B"));

        await().atMost(JourneyEngine.WAIT).until(() -> engine.instances("order-shipped", "c-ship-6").size() == 2);
        List<Long> instances = engine.instances("order-shipped", "c-ship-6");
        started.addAll(instances);
        long second = instances.stream().filter(i -> i != first).findFirst().orElseThrow();
        ActivatedJob notice = engine.awaitJob(second, BEST_CHANNEL);
        assertThat(notice.getVariablesAsMap()).containsEntry("trackingNumber", "JD0001-B");
    }
}
