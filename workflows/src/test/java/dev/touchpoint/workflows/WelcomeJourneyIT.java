package dev.touchpoint.workflows;

import static dev.touchpoint.workflows.TouchpointContract.EMAIL;
import static dev.touchpoint.workflows.TouchpointContract.PUSH;
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
class WelcomeJourneyIT {

    private final JourneyEngine engine;
    private final List<Long> started = new ArrayList<>();

    WelcomeJourneyIT(JourneyEngine engine) {
        this.engine = engine;
    }

    @AfterEach
    void cancelLeftovers() {
        started.forEach(engine::cancelQuietly);
    }

    private long signUp(String customerId) {
        engine.publish("customer.signed-up", customerId, Map.of("customerId", customerId, "offerCode", "WELCOME15",
                "offerPercent", 15, "offerExpires", "2026-12-31"));
        long instance = engine.awaitInstance("welcome", customerId);
        started.add(instance);
        return instance;
    }

    @Test
    void sendsTheWelcomeEmailThenAPushOnceTheAppIsInstalled() {
        long instance = signUp("c-welcome-1");

        ActivatedJob email = engine.awaitJob(instance, EMAIL);
        assertThat(email.getElementId()).isEqualTo("send-welcome-email");
        assertThat(email.getCustomHeaders()).containsEntry("templateId", "welcome")
                .containsEntry("resultVariable", "welcomeEmail").containsEntry("priority", "normal")
                .containsEntry("retryBackoff", "PT30S").doesNotContainKey("category");
        assertThat(email.getRetries()).isEqualTo(3);
        assertThat(email.getVariablesAsMap()).containsEntry("customerId", "c-welcome-1")
                .containsEntry("templateVariables",
                        Map.of("offerCode", "WELCOME15", "offerPercent", 15, "offerExpires", "2026-12-31"));
        engine.sent(email, "email");

        engine.awaitMessageSubscription(instance, "app.installed");
        engine.publish("app.installed", "c-welcome-1", Map.of());
        ActivatedJob push = engine.awaitJob(instance, PUSH);
        assertThat(push.getElementId()).isEqualTo("send-welcome-push");
        assertThat(push.getCustomHeaders()).containsEntry("templateId", "welcome").containsEntry("fallbackChannel", "sms");
        engine.sent(push, "push");

        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance))
                .containsSubsequence("send-welcome-email", "app-installed", "send-welcome-push", "welcomed-by-push");
        assertThat(engine.activatedElements(instance)).doesNotContain("send-welcome-sms");
    }

    @Test
    void sendsAWelcomeSmsWhenTheAppIsNotInstalledWithinTwoDays() {
        long instance = signUp("c-welcome-2");
        engine.sent(engine.awaitJob(instance, EMAIL), "email");

        engine.passTimer(instance, "two-days-without-app", Duration.ofDays(2).plusMinutes(1));
        ActivatedJob sms = engine.awaitJob(instance, SMS);
        assertThat(sms.getElementId()).isEqualTo("send-welcome-sms");
        assertThat(sms.getCustomHeaders()).containsEntry("templateId", "welcome").containsEntry("resultVariable", "welcomeSms");
        engine.sent(sms, "sms");

        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence("two-days-without-app", "send-welcome-sms", "welcomed-by-sms");
        assertThat(engine.activatedElements(instance)).doesNotContain("send-welcome-push");
    }

    @Test
    void carriesOnAfterASuppressedEmailAndFallsBackToSmsWhenThePushIsUndeliverable() {
        long instance = signUp("c-welcome-3");
        engine.fails(engine.awaitJob(instance, EMAIL), SUPPRESSED, "NO_CONSENT");

        engine.awaitMessageSubscription(instance, "app.installed");
        engine.publish("app.installed", "c-welcome-3", Map.of());
        engine.fails(engine.awaitJob(instance, PUSH), UNDELIVERABLE, "TOKEN_UNREGISTERED");
        ActivatedJob sms = engine.awaitJob(instance, SMS);
        assertThat(sms.getVariablesAsMap()).containsEntry("touchpointUndeliverableReason", "TOKEN_UNREGISTERED");
        engine.sent(sms, "sms");

        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence(
                "welcome-email-suppressed", "app-installed", "welcome-push-undeliverable", "send-welcome-sms", "welcomed-by-sms");
    }

    @Test
    void aSuppressedPushEndsTheJourneyWithoutChasingTheCustomerBySms() {
        long instance = signUp("c-welcome-4");
        engine.sent(engine.awaitJob(instance, EMAIL), "email");
        engine.awaitMessageSubscription(instance, "app.installed");
        engine.publish("app.installed", "c-welcome-4", Map.of());
        engine.fails(engine.awaitJob(instance, PUSH), SUPPRESSED, "FREQUENCY_CAP");

        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence("welcome-push-suppressed", "ended-push-suppressed");
        assertThat(engine.activatedElements(instance)).doesNotContain("send-welcome-sms");
    }
}
