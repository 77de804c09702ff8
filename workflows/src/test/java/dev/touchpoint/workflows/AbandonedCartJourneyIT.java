package dev.touchpoint.workflows;

import static dev.touchpoint.workflows.TouchpointContract.EMAIL;
import static dev.touchpoint.workflows.TouchpointContract.SMS;
import static dev.touchpoint.workflows.TouchpointContract.SUPPRESSED;
import static dev.touchpoint.workflows.TouchpointContract.UNDELIVERABLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(JourneyEngineExtension.class)
class AbandonedCartJourneyIT {

    private static final Map<String, Object> CART = Map.of(
            "items", List.of(Map.of("name", "Linen duvet cover", "quantity", 1,
                    "price", Map.of("amount", "129.00", "currency", "EUR"))),
            "total", Map.of("amount", "129.00", "currency", "EUR"),
            "url", "https://shop.example/cart/restore?c=8f3a2c");

    private final JourneyEngine engine;
    private final List<Long> started = new ArrayList<>();

    AbandonedCartJourneyIT(JourneyEngine engine) {
        this.engine = engine;
    }

    @AfterEach
    void cancelLeftovers() {
        started.forEach(engine::cancelQuietly);
    }

    private long abandon(String customerId) {
        engine.publish("cart.abandoned", customerId, Map.of("customerId", customerId, "cart", CART));
        long instance = engine.awaitInstance("abandoned-cart", customerId);
        started.add(instance);
        return instance;
    }

    @Test
    void anOrderWithinTheHourEndsTheJourneyBeforeAnyReminder() {
        long instance = abandon("c-cart-1");
        engine.awaitTimer(instance, "one-hour-passed");

        engine.publish("order.placed", "c-cart-1", Map.of("orderId", "o-1"));

        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence("order-placed", "cart-recovered");
        assertThat(engine.activatedElements(instance)).doesNotContain("send-cart-reminder-email", "send-cart-reminder-sms");
    }

    @Test
    void remindsByEmailAfterAnHourAndBySmsADayLater() {
        long instance = abandon("c-cart-2");

        engine.passTimer(instance, "one-hour-passed", Duration.ofHours(1));
        ActivatedJob email = engine.awaitJob(instance, EMAIL);
        assertThat(email.getElementId()).isEqualTo("send-cart-reminder-email");
        assertThat(email.getCustomHeaders()).containsEntry("templateId", "cart-reminder");
        assertThat(email.getVariablesAsMap()).containsEntry("templateVariables",
                Map.of("cartItems", CART.get("items"), "cartTotal", CART.get("total"), "cartUrl", CART.get("url")));
        engine.sent(email, "email");

        engine.passTimer(instance, "twenty-four-hours-passed", Duration.ofHours(24));
        ActivatedJob sms = engine.awaitJob(instance, SMS);
        assertThat(sms.getElementId()).isEqualTo("send-cart-reminder-sms");
        assertThat(sms.getCustomHeaders()).containsEntry("templateId", "cart-reminder")
                .containsEntry("resultVariable", "cartReminderSms");
        engine.sent(sms, "sms");

        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence(
                "one-hour-passed", "send-cart-reminder-email", "twenty-four-hours-passed", "send-cart-reminder-sms",
                "reminders-sent");
    }

    @Test
    void anUndeliverableEmailStillLeadsToTheSmsAndASuppressedSmsEndsQuietly() {
        long instance = abandon("c-cart-3");
        engine.passTimer(instance, "one-hour-passed", Duration.ofHours(1));
        engine.fails(engine.awaitJob(instance, EMAIL), UNDELIVERABLE, "MAILBOX_UNKNOWN");

        engine.passTimer(instance, "twenty-four-hours-passed", Duration.ofHours(24));
        engine.fails(engine.awaitJob(instance, SMS), SUPPRESSED, "NO_CONSENT");

        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence(
                "cart-reminder-email-undeliverable", "twenty-four-hours-passed", "cart-reminder-sms-suppressed",
                "ended-quietly-sms-suppressed");
    }

    @Test
    void anOrderWhileWaitingForTheSmsEndsTheJourney() {
        long instance = abandon("c-cart-4");
        engine.passTimer(instance, "one-hour-passed", Duration.ofHours(1));
        engine.sent(engine.awaitJob(instance, EMAIL), "email");
        engine.awaitTimer(instance, "twenty-four-hours-passed");

        engine.publish("order.placed", "c-cart-4", Map.of("orderId", "o-4"));

        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence("order-placed", "cart-recovered");
        assertThat(engine.activatedElements(instance)).doesNotContain("send-cart-reminder-sms");
    }
}
