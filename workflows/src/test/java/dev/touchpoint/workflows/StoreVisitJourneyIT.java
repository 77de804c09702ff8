package dev.touchpoint.workflows;

import static dev.touchpoint.workflows.TouchpointContract.KIOSK;
import static dev.touchpoint.workflows.TouchpointContract.PUSH;
import static dev.touchpoint.workflows.TouchpointContract.UNDELIVERABLE;
import static org.assertj.core.api.Assertions.assertThat;

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
class StoreVisitJourneyIT {

    private static final Map<String, Object> GREETING =
            Map.of("storeName", "Berlin Mitte", "offerCode", "HELLO10", "offerPercent", 10);

    private final JourneyEngine engine;
    private final List<Long> started = new ArrayList<>();

    StoreVisitJourneyIT(JourneyEngine engine) {
        this.engine = engine;
    }

    @AfterEach
    void cancelLeftovers() {
        started.forEach(engine::cancelQuietly);
    }

    private long checkIn(String customerId, String kioskId) {
        Map<String, Object> variables = new HashMap<>(GREETING);
        variables.put("customerId", customerId);
        variables.put("storeId", "berlin-mitte");
        if (kioskId != null) {
            variables.put("kioskId", kioskId);
        }
        engine.publish("store.checked-in", customerId, variables);
        long instance = engine.awaitInstance("store-visit", customerId);
        started.add(instance);
        return instance;
    }

    @Test
    void greetsOnTheKioskAndEndsWhenTheOfferIsAccepted() {
        long instance = checkIn("c-store-1", "kiosk-entrance");

        ActivatedJob kiosk = engine.awaitJob(instance, KIOSK);
        assertThat(kiosk.getElementId()).isEqualTo("show-store-greeting");
        assertThat(kiosk.getCustomHeaders()).containsEntry("templateId", "store-greeting")
                .containsEntry("priority", "high").containsEntry("retryBackoff", "PT5S");
        assertThat(kiosk.getRetries()).isEqualTo(2);
        assertThat(kiosk.getVariablesAsMap()).containsEntry("storeId", "berlin-mitte")
                .containsEntry("kioskId", "kiosk-entrance").containsEntry("templateVariables", GREETING);
        engine.sent(kiosk, "kiosk");

        engine.awaitMessageSubscription(instance, "kiosk.offer-accepted");
        engine.publish("kiosk.offer-accepted", "c-store-1", Map.of());

        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence("show-store-greeting", "offer-accepted", "ended-offer-accepted");
        assertThat(engine.activatedElements(instance)).doesNotContain("push-store-follow-up");
    }

    @Test
    void followsUpByPushWhenTheOfferIsNotAcceptedWithinTenMinutes() {
        long instance = checkIn("c-store-2", "kiosk-entrance");
        engine.sent(engine.awaitJob(instance, KIOSK), "kiosk");

        engine.passTimer(instance, "ten-minutes-passed", Duration.ofMinutes(10));
        ActivatedJob push = engine.awaitJob(instance, PUSH);
        assertThat(push.getElementId()).isEqualTo("push-store-follow-up");
        assertThat(push.getCustomHeaders()).containsEntry("templateId", "store-greeting");
        engine.sent(push, "push");

        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence("ten-minutes-passed", "push-store-follow-up", "followed-up-by-push");
    }

    @Test
    void greetsByPushWhenNoKioskIsOnline() {
        long instance = checkIn("c-store-3", null);

        ActivatedJob kiosk = engine.awaitJob(instance, KIOSK);
        assertThat(kiosk.getVariablesAsMap()).containsEntry("kioskId", null);
        engine.fails(kiosk, UNDELIVERABLE, "KIOSK_OFFLINE");
        ActivatedJob push = engine.awaitJob(instance, PUSH);
        assertThat(push.getElementId()).isEqualTo("push-store-greeting");
        engine.sent(push, "push");

        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence("kiosk-offline", "push-store-greeting", "greeted-by-push");
        assertThat(engine.activatedElements(instance)).doesNotContain("wait-for-offer-response");
    }
}
