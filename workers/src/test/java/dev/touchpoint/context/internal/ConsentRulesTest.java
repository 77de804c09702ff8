package dev.touchpoint.context.internal;

import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentPolicy;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.context.ConsentUpdate.Outcome;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.SmsKeyword;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The ordering rules of consent changes (ADR-0005): a withdrawal always wins, a grant after it needs fresh proof. */
class ConsentRulesTest {

    static final String CUSTOMER = "c-rules";
    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    static ConsentChange change(ConsentStatus status, ConsentSource source, String proof, Instant at) {
        return new ConsentChange(CUSTOMER, Channel.EMAIL, Purpose.MARKETING, status, source, proof, at);
    }

    static ContextState apply(ContextState state, ConsentChange change) {
        return ConsentRules.apply(state, change, ConsentRules.WriteMode.LATEST_WINS, null).state();
    }

    @Test
    void aWithdrawalWinsOverAGrantDatedInTheFuture() {
        // a CRM export in the wrong zone: granted "three hours from now"
        ContextState state = apply(null, change(ConsentStatus.GRANTED, ConsentSource.IMPORT, "crm.csv:7", NOW.plus(Duration.ofHours(3))));

        var stop = ConsentRules.apply(state, change(ConsentStatus.WITHDRAWN, ConsentSource.EMAIL_UNSUBSCRIBE, "token:abc", NOW),
                ConsentRules.WriteMode.LATEST_WINS, null);

        assertThat(stop.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(stop.inForce().status()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(stop.inForce().previous()).isEqualTo(ConsentStatus.GRANTED);
        assertThat(TouchpointDecider.consentAllows(stop.state(), Channel.EMAIL, Purpose.MARKETING, ConsentPolicy.DEFAULT)).isFalse();
    }

    @Test
    void aWithdrawalWinsEvenInIfAbsentMode() {
        ContextState state = apply(null, change(ConsentStatus.GRANTED, ConsentSource.API, "api:ops", NOW.minusSeconds(60)));
        var stop = ConsentRules.apply(state, change(ConsentStatus.WITHDRAWN, ConsentSource.IMPORT, "file:2", NOW.minusSeconds(3600)),
                ConsentRules.WriteMode.IF_ABSENT, null);
        assertThat(stop.outcome()).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void aGrantAfterAWithdrawalNeedsFreshProofExpressedAfterIt() {
        ContextState withdrawn = apply(null, change(ConsentStatus.WITHDRAWN, ConsentSource.EMAIL_UNSUBSCRIBE, "token:abc", NOW));

        for (ConsentSource notProof : new ConsentSource[]{ConsentSource.IMPORT, ConsentSource.API, ConsentSource.OTHER, ConsentSource.EMAIL_UNSUBSCRIBE}) {
            var refused = ConsentRules.apply(withdrawn, change(ConsentStatus.GRANTED, notProof, "x", NOW.plusSeconds(60)),
                    ConsentRules.WriteMode.LATEST_WINS, null);
            assertThat(refused.outcome()).as(notProof.name()).isEqualTo(Outcome.REFUSED);
            assertThat(refused.detail()).contains("fresh proof");
            assertThat(refused.inForce().status()).isEqualTo(ConsentStatus.WITHDRAWN);
            assertThat(refused.state()).isSameAs(withdrawn);
        }
        var withoutProof = ConsentRules.apply(withdrawn, change(ConsentStatus.GRANTED, ConsentSource.PREFERENCE_CENTER, " ", NOW.plusSeconds(60)),
                ConsentRules.WriteMode.LATEST_WINS, null);
        assertThat(withoutProof.outcome()).isEqualTo(Outcome.REFUSED);
        var beforeTheWithdrawal = ConsentRules.apply(withdrawn, change(ConsentStatus.GRANTED, ConsentSource.DOUBLE_OPT_IN, "doi:1", NOW.minusSeconds(1)),
                ConsentRules.WriteMode.LATEST_WINS, null);
        assertThat(beforeTheWithdrawal.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(beforeTheWithdrawal.detail()).contains("not before this grant");

        for (ConsentSource proof : new ConsentSource[]{ConsentSource.PREFERENCE_CENTER, ConsentSource.DOUBLE_OPT_IN, ConsentSource.KIOSK, ConsentSource.SMS_KEYWORD}) {
            var granted = ConsentRules.apply(withdrawn, change(ConsentStatus.GRANTED, proof, "proof-1", NOW.plusSeconds(60)),
                    ConsentRules.WriteMode.LATEST_WINS, null);
            assertThat(granted.outcome()).as(proof.name()).isEqualTo(Outcome.APPLIED);
            assertThat(granted.inForce().previous()).isEqualTo(ConsentStatus.WITHDRAWN);
        }
        var ifAbsent = ConsentRules.apply(withdrawn, change(ConsentStatus.GRANTED, ConsentSource.PREFERENCE_CENTER, "pc", NOW.plusSeconds(60)),
                ConsentRules.WriteMode.IF_ABSENT, null);
        assertThat(ifAbsent.outcome()).isEqualTo(Outcome.REFUSED);
    }

    @Test
    void aSuppressedAddressNeedsFreshProofForAFirstGrant() {
        var imported = ConsentRules.apply(null, change(ConsentStatus.GRANTED, ConsentSource.IMPORT, "crm.csv:3", NOW),
                ConsentRules.WriteMode.IF_ABSENT, "erased at 2026-06-01T00:00:00Z");
        assertThat(imported.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(imported.inForce()).isNull();
        assertThat(imported.detail()).contains("suppression list").contains("erased");

        var doubleOptIn = ConsentRules.apply(null, change(ConsentStatus.GRANTED, ConsentSource.DOUBLE_OPT_IN, "doi:42", NOW),
                ConsentRules.WriteMode.LATEST_WINS, "erased at 2026-06-01T00:00:00Z");
        assertThat(doubleOptIn.outcome()).isEqualTo(Outcome.APPLIED);

        var withdrawal = ConsentRules.apply(null, change(ConsentStatus.WITHDRAWN, ConsentSource.IMPORT, "crm.csv:3", NOW),
                ConsentRules.WriteMode.LATEST_WINS, "withdrawn at 2026-06-01T00:00:00Z");
        assertThat(withdrawal.outcome()).as("the list never stops a withdrawal").isEqualTo(Outcome.APPLIED);
    }

    @Test
    void theSameChangeAgainIsUnchangedNotRefused() {
        ConsentChange stop = change(ConsentStatus.WITHDRAWN, ConsentSource.EMAIL_UNSUBSCRIBE, "token:abc", NOW);
        ContextState state = apply(null, stop);

        var retry = ConsentRules.apply(state, stop, ConsentRules.WriteMode.LATEST_WINS, null);
        assertThat(retry.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(retry.state()).isSameAs(state);
        assertThat(ConsentRules.sameContent(retry.inForce(), stop)).isTrue();

        // the same inbound message received again later (a vendor's retry) is the same change
        var redelivered = ConsentRules.apply(state, change(ConsentStatus.WITHDRAWN, ConsentSource.EMAIL_UNSUBSCRIBE, "token:abc", NOW.plusSeconds(5)),
                ConsentRules.WriteMode.LATEST_WINS, null);
        assertThat(redelivered.outcome()).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void anOlderWithdrawalOfAWithdrawnConsentChangesNothingANewerOneIsRecorded() {
        ContextState state = apply(null, change(ConsentStatus.GRANTED, ConsentSource.API, "api:ops", NOW.minusSeconds(600)));
        state = apply(state, change(ConsentStatus.WITHDRAWN, ConsentSource.EMAIL_UNSUBSCRIBE, "token:1", NOW));

        var older = ConsentRules.apply(state, change(ConsentStatus.WITHDRAWN, ConsentSource.API, "api:ops", NOW.minusSeconds(60)),
                ConsentRules.WriteMode.LATEST_WINS, null);
        assertThat(older.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(older.inForce().proof()).isEqualTo("token:1");

        var newer = ConsentRules.apply(state, change(ConsentStatus.WITHDRAWN, ConsentSource.API, "api:ops", NOW.plusSeconds(60)),
                ConsentRules.WriteMode.LATEST_WINS, null);
        assertThat(newer.outcome()).isEqualTo(Outcome.APPLIED);
        // from another source: it replaced a withdrawal (an SMS START would undo only what its own STOP did)
        assertThat(newer.inForce().previous()).isEqualTo(ConsentStatus.WITHDRAWN);
    }

    @Test
    void aStaleGrantDoesNotReplaceANewerGrant() {
        ContextState state = apply(null, change(ConsentStatus.GRANTED, ConsentSource.API, "api:1", NOW));
        var stale = ConsentRules.apply(state, change(ConsentStatus.GRANTED, ConsentSource.IMPORT, "old.csv:1", NOW.minusSeconds(3600)),
                ConsentRules.WriteMode.LATEST_WINS, null);
        assertThat(stale.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(stale.inForce().proof()).isEqualTo("api:1");
        var refresh = ConsentRules.apply(state, change(ConsentStatus.GRANTED, ConsentSource.API, "api:2", NOW.plusSeconds(1)),
                ConsentRules.WriteMode.LATEST_WINS, null);
        assertThat(refresh.outcome()).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void smsStartAfterStopGrantsAgainWithTheInboundMessageAsProof() {
        ContextState state = apply(null, new ConsentChange(CUSTOMER, Channel.SMS, Purpose.MARKETING, ConsentStatus.GRANTED,
                ConsentSource.IMPORT, "crm.csv:1", NOW.plus(Duration.ofDays(2)))); // dated in the future by mistake
        for (ConsentChange stop : ConsentRules.smsKeywordChanges(state, CUSTOMER, SmsKeyword.STOP, ConsentPolicy.DEFAULT, "SM-stop", NOW)) {
            state = apply(state, stop);
        }
        assertThat(TouchpointDecider.consentAllows(state, Channel.SMS, Purpose.MARKETING, ConsentPolicy.DEFAULT)).isFalse();
        for (ConsentChange start : ConsentRules.smsKeywordChanges(state, CUSTOMER, SmsKeyword.START, ConsentPolicy.DEFAULT, "SM-start", NOW.plusSeconds(30))) {
            state = apply(state, start);
        }
        assertThat(TouchpointDecider.consentAllows(state, Channel.SMS, Purpose.MARKETING, ConsentPolicy.DEFAULT)).isTrue();
        assertThat(state.consent(Channel.SMS, Purpose.MARKETING)).get().extracting(r -> r.proof()).isEqualTo("SM-start");
    }
}
