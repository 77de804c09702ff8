package dev.touchpoint.delivery.internal;

import dev.touchpoint.delivery.DeliveryEvidence;

import dev.touchpoint.delivery.EngagementTracking;

import dev.touchpoint.delivery.TouchpointEvent;









import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.touchpoint.brand.BrandDesignSystem;
import dev.touchpoint.brand.TemplateDescriptor;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.ChannelAdapter;
import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.DeliveryReceipt;
import dev.touchpoint.channel.DeliveryStatus;
import dev.touchpoint.channel.FailureReason;
import dev.touchpoint.channel.OutboundMessage;
import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.ReservationId;
import dev.touchpoint.context.TouchpointDecision;
import dev.touchpoint.context.TouchpointStatus;
import dev.touchpoint.delivery.internal.TouchpointOutcome.RetryLater;
import dev.touchpoint.delivery.internal.TouchpointOutcome.Sent;
import dev.touchpoint.delivery.internal.TouchpointOutcome.Suppressed;
import dev.touchpoint.delivery.internal.TouchpointOutcome.Undeliverable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's branches with the real brand design system, an in-memory attempt store and a scripted email
 * adapter; the customer context is the seam (Mockito), its own behaviour is tested in the context package.
 */
class TouchpointPipelineTest {

    private static final BrandDesignSystem BRAND = BrandDesignSystem.fromClasspath();
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private final CustomerContextStore context = mock(CustomerContextStore.class);
    private final InMemoryAttempts attempts = new InMemoryAttempts();
    private final List<TouchpointEvent> events = new ArrayList<>();
    private final ScriptedAdapter email = new ScriptedAdapter();
    private TouchpointPipeline pipeline;
    private TouchpointJob job;
    private ReservationId reservation;

    @BeforeEach
    void setUp() {
        pipeline = new TouchpointPipeline(context, BRAND, List.of(email), attempts,
                new RecipientResolver(context, "test-secret".getBytes()), events::add, Clock.fixed(NOW, ZoneOffset.UTC));
        job = new TouchpointJob(1, 100, 200, "welcome", 2, "send-welcome-email", 3,
                TaskSettings.parse(Map.of("templateId", "welcome", "retryBackoff", "PT10S")),
                new TouchpointVariables("c-1", Map.of("offerCode", "WELCOME15", "offerPercent", 15,
                        "offerExpires", LocalDate.of(2026, 12, 31).toString()), null, null, null));
        reservation = new ReservationId("c-1", job.idempotencyKey());
        when(context.findProfile("c-1")).thenReturn(java.util.Optional.of(new CustomerProfile("c-1", "Mia", "Berg",
                Locale.GERMAN, ZoneOffset.UTC, "mia@example.com", null, List.of(), null, null, Map.of(), ChannelPreferences.NONE, null)));
        when(context.decide(any())).thenReturn(new TouchpointDecision.Send(reservation, NOW, TouchpointStatus.PENDING, null, false));
    }

    @Test
    void sendsOnceConfirmsTheReservationAndPublishesTheEvidence() {
        email.answer = message -> new DeliveryReceipt(Channel.EMAIL, "<m1@x>", NOW, DeliveryStatus.SENT);

        Sent sent = (Sent) pipeline.run(job, Channel.EMAIL);

        assertThat(sent.status()).isEqualTo("SENT");
        assertThat(sent.messageId()).isEqualTo("<m1@x>");
        assertThat(sent.locale()).isEqualTo("de");
        assertThat(sent.contentHash()).hasSize(64);
        assertThat(email.sent).singleElement().satisfies(m -> {
            assertThat(m.idempotencyKey()).isEqualTo("tp-100-200");
            assertThat(m.recipient()).isEqualTo("mia@example.com");
        });
        verify(context).confirm(reservation, "<m1@x>");
        assertThat(events).extracting(TouchpointEvent::kind).containsExactly("SENDING", "SENT");
        assertThat(events.getLast()).isInstanceOfSatisfying(TouchpointEvent.Sent.class, e -> {
            assertThat(e.kind()).isEqualTo("SENT");
            assertThat(e.providerMessageId()).isEqualTo("<m1@x>");
            assertThat(e.header().journey()).isEqualTo("welcome:2");
            assertThat(e.header().contentSha256()).isEqualTo(sent.contentHash());
            assertThat(e.toString()).doesNotContain("mia@example.com");
        });
    }

    @Test
    void evidenceThatCannotBeRecordedStopsTheSendAndLeavesTheRetryFree() {
        List<TouchpointEvent> recorded = new ArrayList<>();
        TouchpointPipeline failingLedger = new TouchpointPipeline(context, BRAND, List.of(email), attempts,
                new RecipientResolver(context, "test-secret".getBytes()), event -> {
                    if (event instanceof TouchpointEvent.Sending && recorded.stream().noneMatch(e -> e instanceof TouchpointEvent.Sending)) {
                        recorded.add(event);
                        throw new IllegalStateException("ledger unavailable");
                    }
                    recorded.add(event);
                }, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> failingLedger.run(job, Channel.EMAIL)).hasMessageContaining("ledger unavailable");
        assertThat(email.sent).isEmpty();

        assertThat(failingLedger.run(job, Channel.EMAIL)).isInstanceOf(Sent.class);
        assertThat(email.sent).hasSize(1);
    }

    @Test
    void theAdapterGetsTheTrackedContentAndATrackingFailureLeavesTheRetryFree() {
        java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean(true);
        EngagementTracking tracking = (content, customerId, key) -> {
            if (broken.getAndSet(false)) {
                throw new IllegalStateException("tracking broken");
            }
            dev.touchpoint.channel.EmailContent mail = (dev.touchpoint.channel.EmailContent) content;
            return new dev.touchpoint.channel.EmailContent(mail.subject(), mail.preheader(), mail.html() + "<!-- " + key + " -->",
                    mail.text(), mail.fromName(), mail.fromAddress(), mail.replyTo(), mail.listUnsubscribe(), mail.category());
        };
        TouchpointPipeline tracked = new TouchpointPipeline(context, BRAND, List.of(email), attempts,
                new RecipientResolver(context, "test-secret".getBytes()), events::add, tracking, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> tracked.run(job, Channel.EMAIL)).hasMessageContaining("tracking broken");
        assertThat(email.sent).isEmpty();

        assertThat(tracked.run(job, Channel.EMAIL)).isInstanceOf(Sent.class);
        assertThat(email.sent).hasSize(1);
        assertThat(((dev.touchpoint.channel.EmailContent) email.sent.getFirst().content()).html())
                .endsWith("<!-- " + job.idempotencyKey() + " -->");
    }

    @Test
    void anAttemptInterruptedDuringTheVendorCallIsNotRepeated() {
        attempts.begin(job.idempotencyKey()); // a worker claimed it and died before it reported back

        Sent sent = (Sent) pipeline.run(job, Channel.EMAIL);

        assertThat(sent.status()).isEqualTo("UNCONFIRMED");
        assertThat(email.sent).isEmpty();
        assertThat(events).extracting(TouchpointEvent::kind).containsExactly("UNCONFIRMED");
    }

    @Test
    void aRetryableFailureBacksOffExponentiallyAndTheRetrySendsAgain() {
        email.answer = message -> {
            throw DeliveryFailure.retryable(Channel.EMAIL, FailureReason.VENDOR_UNAVAILABLE).vendorCode("451").build();
        };
        RetryLater first = (RetryLater) pipeline.run(job, Channel.EMAIL);
        RetryLater second = (RetryLater) pipeline.run(job, Channel.EMAIL);
        assertThat(first.backoff()).isEqualTo(Duration.ofSeconds(10));
        assertThat(second.backoff()).isEqualTo(Duration.ofSeconds(20));
        assertThat(first.detail()).contains("VENDOR_UNAVAILABLE", "451");

        email.answer = message -> new DeliveryReceipt(Channel.EMAIL, "<m2@x>", NOW, DeliveryStatus.SENT);
        assertThat(pipeline.run(job, Channel.EMAIL)).isInstanceOf(Sent.class);
        assertThat(email.sent).hasSize(3);
        verify(context, never()).release(any(), anyString());
    }

    @Test
    void aPermanentFailureReleasesTheReservationAndForgetsTheDeadAddress() {
        email.answer = message -> {
            throw DeliveryFailure.permanent(Channel.EMAIL, FailureReason.INVALID_ADDRESS).vendorCode("550").build();
        };

        Undeliverable undeliverable = (Undeliverable) pipeline.run(job, Channel.EMAIL);

        assertThat(undeliverable.reason()).isEqualTo("INVALID_ADDRESS");
        verify(context).release(eq(reservation), eq("INVALID_ADDRESS"));
        verify(context).upsert(org.mockito.ArgumentMatchers.argThat(p -> p.email() == null));
    }

    @Test
    void aWithheldTouchpointIsNotRenderedOrSent() {
        when(context.decide(any())).thenReturn(new TouchpointDecision.Suppress(job.idempotencyKey(),
                dev.touchpoint.context.SuppressionReason.NO_CONSENT, "no email consent", NOW, false));

        Suppressed suppressed = (Suppressed) pipeline.run(job, Channel.EMAIL);

        assertThat(suppressed.reason()).isEqualTo("NO_CONSENT");
        assertThat(email.sent).isEmpty();
        assertThat(events).extracting(TouchpointEvent::kind).containsExactly("SUPPRESSED");
    }

    @Test
    void aMissingTemplateVariableIsAnIncidentNotAMessageWithAHole() {
        TouchpointJob incomplete = new TouchpointJob(1, 100, 201, "welcome", 2, "send-welcome-email", 3, job.settings(),
                new TouchpointVariables("c-1", Map.of("offerCode", "WELCOME15"), null, null, null));

        assertThatThrownBy(() -> pipeline.run(incomplete, Channel.EMAIL))
                .isInstanceOf(TaskMisconfiguredException.class)
                .hasMessageContaining("welcome").hasMessageContaining("offer");
        assertThat(email.sent).isEmpty();
        verify(context, never()).release(any(), anyString());
    }

    @Test
    void aRenderErrorFixedByTheDesignerSendsWhenTheIncidentIsRetried() {
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        when(context.release(any(), anyString())).thenAnswer(invocation -> {
            released.set(true);
            return true;
        });
        when(context.decide(any())).thenAnswer(invocation -> new TouchpointDecision.Send(reservation, NOW,
                released.get() ? TouchpointStatus.RELEASED : TouchpointStatus.PENDING, null, released.get()));
        TouchpointJob broken = new TouchpointJob(1, 100, 200, "welcome", 2, "send-welcome-email", 0, job.settings(),
                new TouchpointVariables("c-1", Map.of("offerCode", "WELCOME15"), null, null, null));
        assertThatThrownBy(() -> pipeline.run(broken, Channel.EMAIL)).isInstanceOf(TaskMisconfiguredException.class);

        // the designer set the missing variables and retried the incident: same element instance, same key
        TouchpointOutcome retried = pipeline.run(job, Channel.EMAIL);

        assertThat(retried).isInstanceOf(Sent.class);
        assertThat(((Sent) retried).status()).isEqualTo("SENT");
        assertThat(email.sent).hasSize(1);
    }

    @Test
    void aLostMarkerWhoseEvidenceRecordsAStartedAttemptIsNotSentAgainButRecordedUnconfirmed() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        pipeline.evidence((customerId, key) -> new DeliveryEvidence.AttemptHistory(List.of("STARTED"), null)).meters(meters);

        Sent sent = (Sent) pipeline.run(job, Channel.EMAIL);

        assertThat(sent.status()).isEqualTo("UNCONFIRMED");
        assertThat(email.sent).as("the SMTP relay cannot be asked and does not de-duplicate: never sent twice").isEmpty();
        assertThat(events).singleElement().isInstanceOfSatisfying(TouchpointEvent.Unconfirmed.class, e -> {
            assertThat(e.kind()).isEqualTo("UNCONFIRMED");
            assertThat(e.reason()).isEqualTo("INTERRUPTED");
            assertThat(e.detail()).contains("SENDING", "not sent again");
        });
        assertThat(meters.counter(TouchpointPipeline.UNCONFIRMED_METRIC, "channel", "email").count()).isEqualTo(1.0);
        verify(context).confirm(reservation, "unconfirmed");

        // the next activation finds the UNCONFIRMED marker: same answer, no second entry, no send
        assertThat(((Sent) pipeline.run(job, Channel.EMAIL)).status()).isEqualTo("UNCONFIRMED");
        assertThat(events).hasSize(1);
        assertThat(email.sent).isEmpty();
    }

    @Test
    void aLostMarkerWhoseEvidenceRecordsTheSendCompletesWithoutSendingOrRecordingAgain() {
        pipeline.evidence((customerId, key) -> new DeliveryEvidence.AttemptHistory(List.of("STARTED", "SENT"), "<m1@x>"));

        Sent sent = (Sent) pipeline.run(job, Channel.EMAIL);

        assertThat(sent.status()).isEqualTo("SENT");
        assertThat(sent.messageId()).isEqualTo("<m1@x>");
        assertThat(email.sent).isEmpty();
        assertThat(events).as("the SENT entry exists; a second one would claim two messages").isEmpty();
        verify(context).confirm(reservation, "<m1@x>");
    }

    @Test
    void aLostMarkerAfterRetryableFailuresSendsAndKeepsCountingTheBackoff() {
        pipeline.evidence((customerId, key) -> new DeliveryEvidence.AttemptHistory(
                List.of("STARTED", "RETRY_SCHEDULED", "STARTED", "RETRY_SCHEDULED"), null));
        email.answer = message -> {
            throw DeliveryFailure.retryable(Channel.EMAIL, FailureReason.VENDOR_UNAVAILABLE).build();
        };

        RetryLater retry = (RetryLater) pipeline.run(job, Channel.EMAIL);

        assertThat(email.sent).hasSize(1);
        assertThat(retry.backoff()).as("third failure: 4 x 10 s").isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void anInterruptedAttemptIsSentAgainWhereTheProviderDeduplicatesOrConfirmsWhatItAccepted() {
        pipeline.evidence((customerId, key) -> new DeliveryEvidence.AttemptHistory(List.of("STARTED"), null));
        email.prior = new dev.touchpoint.channel.PriorAttempt.ResendIsDeduplicated();
        assertThat(((Sent) pipeline.run(job, Channel.EMAIL)).status()).isEqualTo("SENT");
        assertThat(email.sent).hasSize(1);
        assertThat(events).extracting(TouchpointEvent::kind).containsExactly("SENDING", "SENT");

        TouchpointJob other = new TouchpointJob(2, 100, 210, "welcome", 2, "send-welcome-email", 3, job.settings(), job.variables());
        email.prior = new dev.touchpoint.channel.PriorAttempt.Accepted(new DeliveryReceipt(Channel.EMAIL, "<found@x>", NOW, DeliveryStatus.SENT));
        Sent found = (Sent) pipeline.run(other, Channel.EMAIL);
        assertThat(found.messageId()).isEqualTo("<found@x>");
        assertThat(email.sent).as("the provider had it: not sent again").hasSize(1);
    }

    @Test
    void theSameKeysHandedOutByARestartedEmbeddedEngineAreANewTouchpoint() {
        // the first incarnation sent tp-e1111aaaa-100-200; the restarted engine hands out instance 100, element 200 again
        TouchpointJob first = new TouchpointJob(1, 100, 200, "welcome", 2, "send-welcome-email", 3, job.settings(), job.variables(), "e1111aaaa");
        TouchpointJob again = new TouchpointJob(1, 100, 200, "welcome", 2, "send-welcome-email", 3, job.settings(), job.variables(), "e2222bbbb");
        pipeline.evidence((customerId, key) -> key.equals(first.idempotencyKey())
                ? new DeliveryEvidence.AttemptHistory(List.of("STARTED", "SENT"), "<first@x>") : DeliveryEvidence.AttemptHistory.NONE);

        Sent sent = (Sent) pipeline.run(again, Channel.EMAIL);

        assertThat(again.idempotencyKey()).isEqualTo("tp-e2222bbbb-100-200").isNotEqualTo(first.idempotencyKey());
        assertThat(sent.messageId()).isEqualTo("<default@x>");
        assertThat(email.sent).as("a new journey instance: the earlier incarnation's evidence must not answer for it").hasSize(1);
        assertThat(events).extracting(e -> e.header().engine()).containsOnly("e2222bbbb");
    }

    @Test
    void aSecondActivationWhileTheFirstStillCallsTheProviderWaitsInsteadOfCompletingUnconfirmed() {
        attempts.heldElsewhere(job.idempotencyKey()); // the first activation's handler still runs (slow relay)

        TouchpointOutcome second = pipeline.run(job, Channel.EMAIL);

        assertThat(second).isInstanceOfSatisfying(TouchpointOutcome.InProgress.class,
                p -> assertThat(p.until()).isEqualTo(NOW.plusSeconds(180)));
        assertThat(events).as("nothing happened: no UNCONFIRMED evidence").isEmpty();
        assertThat(email.sent).isEmpty();

        // the first handler then fails retryably: nothing was sent, and the job's next activation sends
        attempts.failedRetryably(job.idempotencyKey());
        assertThat(pipeline.run(job, Channel.EMAIL)).isInstanceOf(Sent.class);
        assertThat(email.sent).hasSize(1);
    }

    @Test
    void aTemplateWithoutTheChannelIsRefusedBeforeAnyDecision() {
        TouchpointJob kioskOnlyTemplate = new TouchpointJob(1, 100, 202, "j", 1, "e", 3,
                TaskSettings.parse(Map.of("templateId", "store-greeting")), job.variables());

        assertThatThrownBy(() -> pipeline.run(kioskOnlyTemplate, Channel.EMAIL))
                .isInstanceOf(TaskMisconfiguredException.class).hasMessageContaining("no email version");
        verify(context, never()).decide(any());
    }

    /** An email adapter whose answer a test sets. */
    private static final class ScriptedAdapter implements ChannelAdapter {
        final List<OutboundMessage> sent = new ArrayList<>();
        java.util.function.Function<OutboundMessage, DeliveryReceipt> answer =
                m -> new DeliveryReceipt(Channel.EMAIL, "<default@x>", NOW, DeliveryStatus.SENT);
        dev.touchpoint.channel.PriorAttempt prior = new dev.touchpoint.channel.PriorAttempt.Unknown("scripted");

        @Override
        public dev.touchpoint.channel.PriorAttempt priorAttempt(OutboundMessage message) {
            return prior;
        }

        @Override
        public Channel channel() {
            return Channel.EMAIL;
        }

        @Override
        public DeliveryReceipt send(OutboundMessage message) {
            sent.add(message);
            return answer.apply(message);
        }
    }

    /**
     * The same state machine as the Hazelcast implementation, in a map (its concurrency, owners and deadlines are
     * tested with Hazelcast): a marker claimed by {@link #heldElsewhere} belongs to another, live activation.
     */
    private static final class InMemoryAttempts implements DeliveryAttempts {
        private final Map<String, String> state = new HashMap<>();
        private final Map<String, AtomicInteger> failures = new HashMap<>();

        /** Another activation claimed the key and is still calling the provider. */
        void heldElsewhere(String key) {
            state.put(key, "ELSEWHERE");
        }

        @Override
        public Claim begin(String key) {
            String current = state.get(key);
            if (current == null || current.equals("READY")) {
                state.put(key, "ATTEMPTING");
                return new Claim.Granted(failures.computeIfAbsent(key, k -> new AtomicInteger()).get(), current == null);
            }
            if (current.equals("ELSEWHERE")) {
                return new Claim.InProgress("m:other", NOW.plusSeconds(180));
            }
            if (current.equals("UNCONFIRMED")) {
                return new Claim.Unconfirmed();
            }
            if (current.startsWith("DELIVERED:")) {
                return new Claim.AlreadyDelivered(current.substring(10));
            }
            return new Claim.Interrupted(failures.computeIfAbsent(key, k -> new AtomicInteger()).get(), "m:dead");
        }

        @Override
        public void delivered(String key, String providerMessageId) {
            state.put(key, "DELIVERED:" + providerMessageId);
        }

        @Override
        public int failedRetryably(String key) {
            state.put(key, "READY");
            return failures.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void failedPermanently(String key) {
            state.remove(key);
        }

        @Override
        public void unconfirmed(String key) {
            state.put(key, "UNCONFIRMED");
        }
    }

    @Test
    void aCategoryHeaderMakesATouchpointStricterButNeverLooser() {
        TemplateDescriptor marketing = BrandDesignSystem.fromClasspath().descriptor("welcome").orElseThrow();
        TemplateDescriptor transactional = BrandDesignSystem.fromClasspath().descriptor("order-shipped").orElseThrow();
        TouchpointJob downgrade = new TouchpointJob(1, 100, 300, "j", 1, "e", 3,
                TaskSettings.parse(Map.of("templateId", "welcome", "category", "transactional")), job.variables());
        TouchpointJob upgrade = new TouchpointJob(1, 100, 301, "j", 1, "e", 3,
                TaskSettings.parse(Map.of("templateId", "order-shipped", "category", "marketing")), job.variables());
        TouchpointJob plain = new TouchpointJob(1, 100, 302, "j", 1, "e", 3,
                TaskSettings.parse(Map.of("templateId", "order-shipped")), job.variables());

        assertThat(TouchpointPipeline.purposeOf(downgrade, marketing)).isEqualTo(Purpose.MARKETING);
        assertThat(TouchpointPipeline.purposeOf(upgrade, transactional)).isEqualTo(Purpose.MARKETING);
        assertThat(TouchpointPipeline.purposeOf(plain, transactional)).isEqualTo(Purpose.TRANSACTIONAL);
    }
}
