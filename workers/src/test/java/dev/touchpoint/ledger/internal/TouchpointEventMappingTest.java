package dev.touchpoint.ledger.internal;

import dev.touchpoint.channel.Channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.delivery.TouchpointEvent;
import dev.touchpoint.ledger.EntryKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TouchpointEventMappingTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final ConsentSnapshot SNAPSHOT = new ConsentSnapshot("{\"customer\":\"known\",\"consents\":[]}",
            Map.of("consentProof.SMS.MARKETING", "SM-1"));

    private static final TouchpointEvent.Header HEADER = new TouchpointEvent.Header("c-1", "tp-1-2", "welcome:3",
            2251799813685249L, "send-sms", Channel.SMS, "welcome", "1.0.0", "ab".repeat(32), AT, "");

    @Test
    void aSentTouchpointIsASendDecisionAndASuccessfulAttemptUnlessTheDecisionIsOnRecord() {
        TouchpointEvent sent = new TouchpointEvent.Sent(HEADER, "SM42");
        List<EntryDraft> first = TouchpointEventMapping.drafts(sent, false, SNAPSHOT, AT);
        assertThat(first).extracting(EntryDraft::kind).containsExactly(EntryKind.DECISION, EntryKind.DELIVERY_ATTEMPT);
        EntryDraft decision = first.get(0);
        assertThat(decision.decision()).isEqualTo("SEND");
        assertThat(decision.consentSnapshot()).isEqualTo(SNAPSHOT.json());
        assertThat(decision.personal()).containsEntry("consentProof.SMS.MARKETING", "SM-1");
        assertThat(decision.processId()).isEqualTo("welcome");
        assertThat(decision.processVersion()).isEqualTo(3);
        assertThat(decision.channel()).isEqualTo("SMS");
        EntryDraft attempt = first.get(1);
        assertThat(attempt.outcome()).isEqualTo("SENT");
        assertThat(attempt.providerMessageId()).isEqualTo("SM42");
        assertThat(attempt.contentSha256()).isEqualTo("ab".repeat(32));
        assertThat(attempt.templateVersion()).isEqualTo("1.0.0");
        assertThat(attempt.chainId()).isEqualTo("c-1");

        assertThat(TouchpointEventMapping.drafts(sent, true, null, AT)).extracting(EntryDraft::kind).containsExactly(EntryKind.DELIVERY_ATTEMPT);
    }

    @Test
    void sendingIsRecordedBeforeTheProviderIsCalled() {
        TouchpointEvent sending = new TouchpointEvent.Sending(HEADER);
        assertThat(TouchpointEventMapping.impliesSend(sending)).isTrue();
        List<EntryDraft> drafts = TouchpointEventMapping.drafts(sending, false, SNAPSHOT, AT);
        assertThat(drafts).extracting(EntryDraft::kind).containsExactly(EntryKind.DECISION, EntryKind.DELIVERY_ATTEMPT);
        assertThat(drafts.get(1).outcome()).isEqualTo("STARTED");
    }

    @Test
    void suppressionAndDeferralAreDecisionsWithReasons() {
        List<EntryDraft> suppressed = TouchpointEventMapping.drafts(new TouchpointEvent.Suppressed(HEADER, "NO_CONSENT", "no MARKETING consent on SMS"),
                false, SNAPSHOT, AT);
        assertThat(suppressed).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(EntryKind.DECISION);
            assertThat(d.decision()).isEqualTo("SUPPRESS");
            assertThat(d.reason()).isEqualTo("NO_CONSENT");
            assertThat(d.personal()).containsEntry("detail", "no MARKETING consent on SMS");
        });
        Instant until = Instant.parse("2026-11-23T08:00:00Z");
        assertThat(TouchpointEventMapping.drafts(new TouchpointEvent.Deferred(HEADER, "QUIET_HOURS", until), false, SNAPSHOT, AT))
                .singleElement().satisfies(d -> {
                    assertThat(d.decision()).isEqualTo("DEFER");
                    assertThat(d.until()).isEqualTo(until);
                    assertThat(d.reason()).isEqualTo("QUIET_HOURS");
                });
    }

    @Test
    void failedAttemptsKeepTheirReasonAndRetryTime() {
        Instant retry = AT.plusSeconds(30);
        assertThat(TouchpointEventMapping.drafts(new TouchpointEvent.RetryScheduled(HEADER, "VENDOR_UNAVAILABLE", "HTTP 503", retry), true, null, AT))
                .singleElement().satisfies(d -> {
                    assertThat(d.kind()).isEqualTo(EntryKind.DELIVERY_ATTEMPT);
                    assertThat(d.outcome()).isEqualTo("RETRY_SCHEDULED");
                    assertThat(d.until()).isEqualTo(retry);
                    assertThat(d.reason()).isEqualTo("VENDOR_UNAVAILABLE");
                });
        assertThat(TouchpointEventMapping.drafts(new TouchpointEvent.Undeliverable(HEADER, "INVALID_ADDRESS", null), false, SNAPSHOT, AT))
                .extracting(EntryDraft::kind, EntryDraft::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EntryKind.DECISION, null),
                        org.assertj.core.groups.Tuple.tuple(EntryKind.DELIVERY_ATTEMPT, "UNDELIVERABLE"));
    }

    @Test
    void anUnconfirmedAttemptKeepsItsReasonAndItsDetailAsPersonalData() {
        assertThat(TouchpointEventMapping.drafts(new TouchpointEvent.Unconfirmed(HEADER, "INTERRUPTED", "the provider lookup failed"),
                true, null, AT)).singleElement().satisfies(d -> {
                    assertThat(d.kind()).isEqualTo(EntryKind.DELIVERY_ATTEMPT);
                    assertThat(d.outcome()).isEqualTo("UNCONFIRMED");
                    assertThat(d.reason()).isEqualTo("INTERRUPTED");
                    assertThat(d.personal()).containsEntry("detail", "the provider lookup failed");
                    assertThat(d.providerMessageId()).isNull();
                });
    }

    @Test
    void everyKindIsStoredUnderTheNameItAlwaysHad() {
        assertThat(List.<TouchpointEvent>of(new TouchpointEvent.Sending(HEADER), new TouchpointEvent.Sent(HEADER, "SM42"),
                new TouchpointEvent.Unconfirmed(HEADER, "INTERRUPTED", null), new TouchpointEvent.Suppressed(HEADER, "NO_CONSENT", null),
                new TouchpointEvent.Deferred(HEADER, "QUIET_HOURS", AT), new TouchpointEvent.Undeliverable(HEADER, "INVALID_ADDRESS", null),
                new TouchpointEvent.RetryScheduled(HEADER, "ADAPTER_ERROR", null, null)))
                .extracting(TouchpointEvent::kind)
                .containsExactly("SENDING", "SENT", "UNCONFIRMED", "SUPPRESSED", "DEFERRED", "UNDELIVERABLE", "RETRY_SCHEDULED");
    }

    @Test
    void theEngineIncarnationQualifiesTheInstanceKey() {
        TouchpointEvent.Header restarted = new TouchpointEvent.Header("c-1", "tp-e1-1-2", "welcome:3", 1L, "send-sms", Channel.SMS,
                "welcome", "1.0.0", null, AT, "e1111aaaa");
        assertThat(TouchpointEventMapping.drafts(new TouchpointEvent.Sending(restarted), true, null, AT))
                .singleElement().satisfies(d -> assertThat(d.attributes()).containsEntry(TouchpointEventMapping.ENGINE_ATTRIBUTE, "e1111aaaa"));
        assertThat(TouchpointEventMapping.drafts(new TouchpointEvent.Sending(HEADER), true, null, AT))
                .singleElement().satisfies(d -> assertThat(d.attributes()).doesNotContainKey(TouchpointEventMapping.ENGINE_ATTRIBUTE));
    }

    @Test
    void journeysWithoutAVersionKeepTheirName() {
        assertThat(TouchpointEventMapping.Journey.parse("welcome")).isEqualTo(new TouchpointEventMapping.Journey("welcome", null));
        assertThat(TouchpointEventMapping.Journey.parse("ns:welcome:12")).isEqualTo(new TouchpointEventMapping.Journey("ns:welcome", 12));
        assertThat(TouchpointEventMapping.Journey.parse("a:b")).isEqualTo(new TouchpointEventMapping.Journey("a:b", null));
        assertThat(TouchpointEventMapping.Journey.parse(null)).isEqualTo(new TouchpointEventMapping.Journey(null, null));
    }
}
