package dev.touchpoint.workflows;

import static dev.touchpoint.workflows.TouchpointContract.PUSH;
import static dev.touchpoint.workflows.TouchpointContract.SMS;
import static dev.touchpoint.workflows.TouchpointContract.SUPPRESSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
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
        Map<String, Object> variables = new HashMap<>();
        variables.put("customerId", customerId);
        variables.put("orderId", orderId);
        variables.put("orderNumber", "AO-" + orderId.substring(2));
        variables.put("carrier", "DHL");
        variables.put("trackingNumber", "00340434161094042557");
        variables.put("trackingUrl", "https://tracking.example/00340434161094042557");
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
    void tellsTheCustomerByPush() {
        long instance = ship("c-ship-1", "o-104729");

        ActivatedJob push = engine.awaitJob(instance, PUSH);
        assertThat(push.getElementId()).isEqualTo("push-shipping-notice");
        assertThat(push.getCustomHeaders()).containsEntry("templateId", "order-shipped")
                .containsEntry("category", "transactional").containsEntry("priority", "high")
                .containsEntry("fallbackChannel", "sms").containsEntry("resultVariable", "shippingPush");
        @SuppressWarnings("unchecked")
        Map<String, Object> templateVariables = (Map<String, Object>) push.getVariablesAsMap().get("templateVariables");
        assertThat(templateVariables).containsEntry("orderNumber", "AO-104729").containsEntry("carrier", "DHL")
                .containsEntry("estimatedDelivery", "2026-11-24").containsEntry("items", null);
        engine.sent(push, "push");

        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence("push-shipping-notice", "notified-by-push");
    }

    @Test
    void fallsBackToSmsWhenThePushIsSuppressed() {
        long instance = ship("c-ship-2", "o-200001");
        engine.fails(engine.awaitJob(instance, PUSH), SUPPRESSED, "PUSH_DISABLED");

        ActivatedJob sms = engine.awaitJob(instance, SMS);
        assertThat(sms.getElementId()).isEqualTo("sms-shipping-notice");
        assertThat(sms.getCustomHeaders()).containsEntry("category", "transactional").containsEntry("templateId", "order-shipped");
        engine.sent(sms, "sms");

        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence(
                "shipping-push-suppressed", "sms-shipping-notice", "notified-by-sms");
    }

    @Test
    void twoOrdersOfOneCustomerShippedTogetherEachGetANotice() {
        engine.publish("order.shipped", "o-300001", shipment("c-ship-3", "o-300001"));
        engine.publish("order.shipped", "o-300002", shipment("c-ship-3", "o-300002"));

        await().atMost(JourneyEngine.WAIT).until(() -> engine.instances("order-shipped", "c-ship-3").size() == 2);
        List<Long> instances = engine.instances("order-shipped", "c-ship-3");
        started.addAll(instances);
        for (long instance : instances) {
            engine.sent(engine.awaitJob(instance, PUSH), "push");
            engine.awaitCompleted(instance);
        }
    }
}
