package dev.touchpoint.context.internal;

import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentPolicy;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.context.ContactBudgetPolicy;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.DecisionPolicy;
import dev.touchpoint.context.DeferralReason;
import dev.touchpoint.context.Priority;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.QuietHours;
import dev.touchpoint.context.QuietHoursPolicy;
import dev.touchpoint.context.SmsKeyword;
import dev.touchpoint.context.StorePresence;
import dev.touchpoint.context.SuppressionReason;
import dev.touchpoint.context.TouchpointDecision;
import dev.touchpoint.context.TouchpointRecord;
import dev.touchpoint.context.TouchpointRequest;
import dev.touchpoint.context.TouchpointStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TouchpointDeciderTest {

    static final String CUSTOMER = "c-1";
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    // 2026-11-23 10:00 in Berlin (UTC+1)
    static final Instant MORNING = Instant.parse("2026-11-23T09:00:00Z");
    static final CustomerFacts ALL_ADDRESSES = new CustomerFacts(BERLIN, EnumSet.of(Channel.EMAIL, Channel.SMS, Channel.PUSH), QuietHours.NONE);
    static final DecisionPolicy POLICY = DecisionPolicy.DEFAULT;

    static ContextState consenting(Channel... channels) {
        ContextState state = ContextState.empty(CUSTOMER);
        for (Channel channel : channels) {
            state = ConsentRules.apply(state, grant(channel, Purpose.MARKETING, MORNING.minus(Duration.ofDays(30))), ConsentRules.WriteMode.LATEST_WINS, null).state();
        }
        return state;
    }

    static ConsentChange grant(Channel channel, Purpose purpose, Instant at) {
        return new ConsentChange(CUSTOMER, channel, purpose, ConsentStatus.GRANTED, ConsentSource.API, "test", at);
    }

    static ConsentChange withdraw(Channel channel, Purpose purpose, Instant at, ConsentSource source) {
        return new ConsentChange(CUSTOMER, channel, purpose, ConsentStatus.WITHDRAWN, source, "msg-1", at);
    }

    static TouchpointRequest request(Channel channel, Purpose purpose, String key) {
        return new TouchpointRequest(CUSTOMER, channel, purpose, Priority.NORMAL, "welcome", "welcome-email", key);
    }

    @Test
    void sendsAndReservesWhenEverythingAllows() {
        var outcome = TouchpointDecider.decide(consenting(Channel.EMAIL), request(Channel.EMAIL, Purpose.MARKETING, "k1"), ALL_ADDRESSES, POLICY, MORNING);

        assertThat(outcome.result()).isInstanceOfSatisfying(TouchpointDecision.Send.class, send -> {
            assertThat(send.replay()).isFalse();
            assertThat(send.status()).isEqualTo(TouchpointStatus.PENDING);
            assertThat(send.mustDeliver()).isTrue();
            assertThat(send.reservation().customerId()).isEqualTo(CUSTOMER);
        });
        assertThat(outcome.newState().entry("k1")).get().extracting(r -> r.status()).isEqualTo(TouchpointStatus.PENDING);
        assertThat(outcome.newState().consentChanged()).isFalse();
    }

    @Test
    void marketingNeedsOptInUnlessPolicySaysOtherwise() {
        var request = request(Channel.EMAIL, Purpose.MARKETING, "k1");
        var withoutConsent = TouchpointDecider.decide(null, request, ALL_ADDRESSES, POLICY, MORNING);
        assertThat(withoutConsent.result()).isInstanceOfSatisfying(TouchpointDecision.Suppress.class,
                s -> assertThat(s.reason()).isEqualTo(SuppressionReason.NO_CONSENT));

        DecisionPolicy optOut = POLICY.withConsent(new ConsentPolicy(false, false, EnumSet.allOf(Purpose.class)));
        assertThat(TouchpointDecider.decide(null, request, ALL_ADDRESSES, optOut, MORNING).result()).isInstanceOf(TouchpointDecision.Send.class);
    }

    @Test
    void transactionalBypassesMarketingOptOutButNotItsOwnWithdrawal() {
        ContextState state = ConsentRules.apply(ContextState.empty(CUSTOMER),
                withdraw(Channel.EMAIL, Purpose.MARKETING, MORNING.minusSeconds(60), ConsentSource.EMAIL_UNSUBSCRIBE), ConsentRules.WriteMode.LATEST_WINS, null).state();
        var receipt = request(Channel.EMAIL, Purpose.TRANSACTIONAL, "receipt");
        assertThat(TouchpointDecider.decide(state, receipt, ALL_ADDRESSES, POLICY, MORNING).result()).isInstanceOf(TouchpointDecision.Send.class);

        DecisionPolicy strict = POLICY.withConsent(new ConsentPolicy(true, true, EnumSet.allOf(Purpose.class)));
        assertThat(TouchpointDecider.decide(state, receipt, ALL_ADDRESSES, strict, MORNING).result())
                .isInstanceOfSatisfying(TouchpointDecision.Suppress.class, s -> assertThat(s.reason()).isEqualTo(SuppressionReason.NO_CONSENT));

        ContextState withdrawnTransactional = ConsentRules.apply(state,
                withdraw(Channel.EMAIL, Purpose.TRANSACTIONAL, MORNING.minusSeconds(30), ConsentSource.PREFERENCE_CENTER), ConsentRules.WriteMode.LATEST_WINS, null).state();
        assertThat(TouchpointDecider.decide(withdrawnTransactional, receipt, ALL_ADDRESSES, POLICY, MORNING).result())
                .isInstanceOfSatisfying(TouchpointDecision.Suppress.class, s -> assertThat(s.reason()).isEqualTo(SuppressionReason.NO_CONSENT));
    }

    @Test
    void smsStopBlocksTransactionalSmsByDefaultAndOnlyMarketingWhenConfigured() {
        ContextState state = consenting(Channel.SMS);
        for (ConsentChange change : ConsentRules.smsKeywordChanges(state, CUSTOMER, SmsKeyword.STOP, ConsentPolicy.DEFAULT, "SM123", MORNING.minusSeconds(10))) {
            state = ConsentRules.apply(state, change, ConsentRules.WriteMode.LATEST_WINS, null).state();
        }
        var otp = new TouchpointRequest(CUSTOMER, Channel.SMS, Purpose.TRANSACTIONAL, Priority.HIGH, "login", "otp", "otp-1");
        assertThat(TouchpointDecider.decide(state, otp, ALL_ADDRESSES, POLICY, MORNING).result())
                .isInstanceOfSatisfying(TouchpointDecision.Suppress.class, s -> assertThat(s.reason()).isEqualTo(SuppressionReason.NO_CONSENT));
        assertThat(state.consent(Channel.SMS, Purpose.MARKETING)).get()
                .satisfies(r -> {
                    assertThat(r.source()).isEqualTo(ConsentSource.SMS_KEYWORD);
                    assertThat(r.proof()).isEqualTo("SM123");
                    assertThat(r.previous()).isEqualTo(ConsentStatus.GRANTED);
                });

        ConsentPolicy marketingOnly = new ConsentPolicy(true, false, Set.of(Purpose.MARKETING));
        ContextState lenient = consenting(Channel.SMS);
        for (ConsentChange change : ConsentRules.smsKeywordChanges(lenient, CUSTOMER, SmsKeyword.STOP, marketingOnly, "SM124", MORNING.minusSeconds(10))) {
            lenient = ConsentRules.apply(lenient, change, ConsentRules.WriteMode.LATEST_WINS, null).state();
        }
        assertThat(TouchpointDecider.decide(lenient, otp, ALL_ADDRESSES, POLICY.withConsent(marketingOnly), MORNING).result()).isInstanceOf(TouchpointDecision.Send.class);
        assertThat(TouchpointDecider.decide(lenient, request(Channel.SMS, Purpose.MARKETING, "m"), ALL_ADDRESSES, POLICY, MORNING).result())
                .isInstanceOf(TouchpointDecision.Suppress.class);
    }

    @Test
    void startUndoesExactlyWhatStopDid() {
        ContextState subscribed = consenting(Channel.SMS);
        ContextState never = ContextState.empty(CUSTOMER);
        for (int i = 0; i < 2; i++) {
            ContextState state = i == 0 ? subscribed : never;
            List<SmsKeyword> keywords = List.of(SmsKeyword.STOP, SmsKeyword.STOP, SmsKeyword.START);
            for (int k = 0; k < keywords.size(); k++) {
                SmsKeyword keyword = keywords.get(k);
                Instant received = MORNING.plusSeconds(k);
                for (ConsentChange change : ConsentRules.smsKeywordChanges(state, CUSTOMER, keyword, ConsentPolicy.DEFAULT, "SM-" + k, received)) {
                    state = ConsentRules.apply(state, change, ConsentRules.WriteMode.LATEST_WINS, null).state();
                }
            }
            boolean marketing = TouchpointDecider.consentAllows(state, Channel.SMS, Purpose.MARKETING, ConsentPolicy.DEFAULT);
            boolean transactional = TouchpointDecider.consentAllows(state, Channel.SMS, Purpose.TRANSACTIONAL, ConsentPolicy.DEFAULT);
            assertThat(marketing).as("marketing back only if granted before the STOP").isEqualTo(i == 0);
            assertThat(transactional).isTrue();
        }
    }

    @Test
    void staleConsentChangesDoNotOverrideNewerOnes() {
        ContextState state = ConsentRules.apply(ContextState.empty(CUSTOMER),
                withdraw(Channel.EMAIL, Purpose.MARKETING, MORNING, ConsentSource.EMAIL_UNSUBSCRIBE), ConsentRules.WriteMode.LATEST_WINS, null).state();
        var late = ConsentRules.apply(state, grant(Channel.EMAIL, Purpose.MARKETING, MORNING.minusSeconds(3600)), ConsentRules.WriteMode.LATEST_WINS, null);
        assertThat(late.applied()).isFalse();
        assertThat(late.inForce().status()).isEqualTo(ConsentStatus.WITHDRAWN);

        var fillIn = ConsentRules.apply(state, grant(Channel.EMAIL, Purpose.MARKETING, MORNING.plusSeconds(3600)), ConsentRules.WriteMode.IF_ABSENT, null);
        assertThat(fillIn.applied()).isFalse();
        var fillInSms = ConsentRules.apply(state, grant(Channel.SMS, Purpose.MARKETING, MORNING), ConsentRules.WriteMode.IF_ABSENT, null);
        assertThat(fillInSms.applied()).isTrue();
        assertThat(fillInSms.state().consentChanged()).isTrue();
    }

    @Test
    void unreachableWithoutAnAddressOrStorePresence() {
        CustomerFacts emailOnly = new CustomerFacts(BERLIN, EnumSet.of(Channel.EMAIL), QuietHours.NONE);
        ContextState state = consenting(Channel.SMS, Channel.KIOSK);
        assertThat(TouchpointDecider.decide(state, request(Channel.SMS, Purpose.MARKETING, "s"), emailOnly, POLICY, MORNING).result())
                .isInstanceOfSatisfying(TouchpointDecision.Suppress.class, s -> assertThat(s.reason()).isEqualTo(SuppressionReason.UNREACHABLE));
        assertThat(TouchpointDecider.decide(state, request(Channel.KIOSK, Purpose.MARKETING, "k"), emailOnly, POLICY, MORNING).result())
                .isInstanceOfSatisfying(TouchpointDecision.Suppress.class, s -> assertThat(s.reason()).isEqualTo(SuppressionReason.UNREACHABLE));

        ContextState inStore = state.withPresence(new StorePresence("BER-01", MORNING.minus(Duration.ofHours(1))));
        assertThat(TouchpointDecider.decide(inStore, request(Channel.KIOSK, Purpose.MARKETING, "k"), emailOnly, POLICY, MORNING).result())
                .isInstanceOf(TouchpointDecision.Send.class);
        // presence lapses after the TTL
        assertThat(TouchpointDecider.decide(inStore, request(Channel.KIOSK, Purpose.MARKETING, "k"), emailOnly, POLICY, MORNING.plus(Duration.ofHours(4))).result())
                .isInstanceOf(TouchpointDecision.Suppress.class);
    }

    @Test
    void quietHoursDeferToTheNextAllowedMinuteInTheCustomersZone() {
        Instant lateEvening = Instant.parse("2026-11-23T21:30:00Z"); // 22:30 Berlin, 16:30 New York
        var decision = TouchpointDecider.decide(consenting(Channel.EMAIL), request(Channel.EMAIL, Purpose.MARKETING, "k"), ALL_ADDRESSES, POLICY, lateEvening);
        assertThat(decision.result()).isInstanceOfSatisfying(TouchpointDecision.Defer.class, defer -> {
            assertThat(defer.until()).isEqualTo(Instant.parse("2026-11-24T07:00:00Z")); // 08:00 Berlin
            assertThat(defer.reason()).isEqualTo(DeferralReason.QUIET_HOURS);
        });
        // a deferral reserves nothing: it is kept only to show what waits, and the key is decided afresh later
        TouchpointRecord waiting = decision.newState().entry("k").orElseThrow();
        assertThat(waiting.status()).isEqualTo(TouchpointStatus.DEFERRED);
        assertThat(waiting.counts()).isFalse();
        assertThat(waiting.deferredUntil()).isEqualTo(Instant.parse("2026-11-24T07:00:00Z"));
        assertThat(decision.newState().consentChanged()).isFalse();
        var morning = TouchpointDecider.decide(decision.newState(), request(Channel.EMAIL, Purpose.MARKETING, "k"),
                ALL_ADDRESSES, POLICY, Instant.parse("2026-11-24T07:00:30Z"));
        assertThat(morning.result()).isInstanceOfSatisfying(TouchpointDecision.Send.class, send -> assertThat(send.replay()).isFalse());
        assertThat(morning.newState().ledger()).as("the deferral is replaced, not kept beside the send").singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(TouchpointStatus.PENDING));

        CustomerFacts newYork = new CustomerFacts(ZoneId.of("America/New_York"), ALL_ADDRESSES.addressable(), QuietHours.NONE);
        assertThat(TouchpointDecider.decide(consenting(Channel.EMAIL), request(Channel.EMAIL, Purpose.MARKETING, "k"), newYork, POLICY, lateEvening).result())
                .isInstanceOf(TouchpointDecision.Send.class);
    }

    @Test
    void quietHoursHonourPersonalWindowLowPriorityAndTransactionalRules() {
        CustomerFacts earlySleeper = new CustomerFacts(BERLIN, ALL_ADDRESSES.addressable(), QuietHours.parse("19:00-09:30"));
        Instant evening = Instant.parse("2026-11-23T18:30:00Z"); // 19:30 Berlin: channel window not yet, personal yes
        assertThat(TouchpointDecider.decide(consenting(Channel.PUSH), request(Channel.PUSH, Purpose.MARKETING, "k"), earlySleeper, POLICY, evening).result())
                .isInstanceOfSatisfying(TouchpointDecision.Defer.class, d -> assertThat(d.until()).isEqualTo(Instant.parse("2026-11-24T08:30:00Z")));

        var low = new TouchpointRequest(CUSTOMER, Channel.PUSH, Purpose.MARKETING, Priority.LOW, "j", "t", "low");
        assertThat(TouchpointDecider.decide(consenting(Channel.PUSH), low, earlySleeper, POLICY, evening).result())
                .isInstanceOfSatisfying(TouchpointDecision.Suppress.class, s -> assertThat(s.reason()).isEqualTo(SuppressionReason.QUIET_HOURS));

        Instant night = Instant.parse("2026-11-23T23:00:00Z");
        var receipt = request(Channel.EMAIL, Purpose.TRANSACTIONAL, "r");
        assertThat(TouchpointDecider.decide(null, receipt, ALL_ADDRESSES, POLICY, night).result()).isInstanceOf(TouchpointDecision.Send.class);
        DecisionPolicy strict = POLICY.withQuietHours(new QuietHoursPolicy(QuietHours.parse("21:00-08:00"), Map.of(), true));
        assertThat(TouchpointDecider.decide(null, receipt, ALL_ADDRESSES, strict, night).result()).isInstanceOf(TouchpointDecision.Defer.class);
        var otp = new TouchpointRequest(CUSTOMER, Channel.EMAIL, Purpose.TRANSACTIONAL, Priority.HIGH, "login", "otp", "otp");
        assertThat(TouchpointDecider.decide(null, otp, ALL_ADDRESSES, strict, night).result()).isInstanceOf(TouchpointDecision.Send.class);
    }

    @Test
    void quietHoursCoveringTheWholeDaySuppress() {
        CustomerFacts never = new CustomerFacts(BERLIN, ALL_ADDRESSES.addressable(), QuietHours.parse("07:00-22:00"));
        assertThat(TouchpointDecider.decide(consenting(Channel.EMAIL), request(Channel.EMAIL, Purpose.MARKETING, "k"), never, POLICY, MORNING).result())
                .isInstanceOfSatisfying(TouchpointDecision.Suppress.class, s -> assertThat(s.reason()).isEqualTo(SuppressionReason.QUIET_HOURS));
    }

    @Test
    void dailyWeeklyAndPerChannelBudgetsRollAndReleasesGiveRoomBack() {
        ContextState state = consenting(Channel.EMAIL, Channel.PUSH, Channel.SMS);
        Instant t = MORNING;
        state = send(state, Channel.EMAIL, "e1", t);
        state = send(state, Channel.EMAIL, "e2", t.plusSeconds(60));
        var thirdEmail = TouchpointDecider.decide(state, request(Channel.EMAIL, Purpose.MARKETING, "e3"), ALL_ADDRESSES, POLICY, t.plusSeconds(120));
        assertThat(thirdEmail.result()).isInstanceOfSatisfying(TouchpointDecision.Suppress.class, s -> {
            assertThat(s.reason()).isEqualTo(SuppressionReason.BUDGET_EXHAUSTED);
            assertThat(s.detail()).contains("EMAIL");
        });
        state = send(state, Channel.PUSH, "p1", t.plusSeconds(180));
        var fourth = TouchpointDecider.decide(state, request(Channel.SMS, Purpose.MARKETING, "s1"), ALL_ADDRESSES, POLICY, t.plusSeconds(240));
        assertThat(fourth.result()).isInstanceOfSatisfying(TouchpointDecision.Suppress.class, s -> assertThat(s.detail()).contains("per day 3/3"));

        // releasing a failed delivery gives the room back
        state = TouchpointDecider.release(state, "p1", "invalid token", t.plusSeconds(200)).newState();
        assertThat(TouchpointDecider.decide(state, request(Channel.SMS, Purpose.MARKETING, "s2"), ALL_ADDRESSES, POLICY, t.plusSeconds(260)).result())
                .isInstanceOf(TouchpointDecision.Send.class);

        // a transactional message is outside the marketing budget
        assertThat(TouchpointDecider.decide(state, request(Channel.EMAIL, Purpose.TRANSACTIONAL, "r1"), ALL_ADDRESSES, POLICY, t.plusSeconds(300)).result())
                .isInstanceOf(TouchpointDecision.Send.class);

        // the next day (24 h later, not at midnight) there is room again; the week fills at 6
        Instant day2 = t.plus(Duration.ofDays(1)).plusSeconds(60);
        state = send(state, Channel.PUSH, "d2a", day2);
        state = send(state, Channel.SMS, "d2b", day2.plusSeconds(1));
        state = send(state, Channel.EMAIL, "d2c", day2.plusSeconds(2));
        Instant day3 = t.plus(Duration.ofDays(2)).plusSeconds(60);
        state = send(state, Channel.EMAIL, "d3a", day3);
        var weekly = TouchpointDecider.decide(state, request(Channel.PUSH, Purpose.MARKETING, "d3b"), ALL_ADDRESSES, POLICY, day3.plusSeconds(1));
        assertThat(weekly.result()).isInstanceOfSatisfying(TouchpointDecision.Suppress.class, s -> assertThat(s.detail()).contains("per week 6/6"));
    }

    @Test
    void theSameKeyReplaysTheEarlierDecision() {
        ContextState state = consenting(Channel.EMAIL);
        var first = TouchpointDecider.decide(state, request(Channel.EMAIL, Purpose.MARKETING, "job-1"), ALL_ADDRESSES, POLICY, MORNING);
        state = first.newState();
        var again = TouchpointDecider.decide(state, request(Channel.EMAIL, Purpose.MARKETING, "job-1"), ALL_ADDRESSES, POLICY, MORNING.plusSeconds(5));
        assertThat(again.newState()).isNull();
        assertThat(again.result()).isInstanceOfSatisfying(TouchpointDecision.Send.class, s -> {
            assertThat(s.replay()).isTrue();
            assertThat(s.mustDeliver()).as("outcome unknown: deliver again with the same key").isTrue();
            assertThat(s.decidedAt()).isEqualTo(MORNING);
        });
        state = TouchpointDecider.confirm(state, "job-1", "provider-42", MORNING.plusSeconds(10)).newState();
        var afterConfirm = TouchpointDecider.decide(state, request(Channel.EMAIL, Purpose.MARKETING, "job-1"), ALL_ADDRESSES, POLICY, MORNING.plusSeconds(20));
        assertThat(afterConfirm.result()).isInstanceOfSatisfying(TouchpointDecision.Send.class, s -> {
            assertThat(s.mustDeliver()).isFalse();
            assertThat(s.providerMessageId()).isEqualTo("provider-42");
        });
        assertThat(TouchpointDecider.release(state, "job-1", "late failure", MORNING.plusSeconds(30)).result()).as("confirmed stays confirmed").isFalse();

        var suppressed = TouchpointDecider.decide(state, request(Channel.SMS, Purpose.MARKETING, "job-2"), ALL_ADDRESSES, POLICY, MORNING);
        state = suppressed.newState();
        state = ConsentRules.apply(state, grant(Channel.SMS, Purpose.MARKETING, MORNING.plusSeconds(1)), ConsentRules.WriteMode.LATEST_WINS, null).state();
        assertThat(TouchpointDecider.decide(state, request(Channel.SMS, Purpose.MARKETING, "job-2"), ALL_ADDRESSES, POLICY, MORNING.plusSeconds(2)).result())
                .isInstanceOfSatisfying(TouchpointDecision.Suppress.class, s -> assertThat(s.replay()).isTrue());
    }

    @Test
    void confirmingASendWithAnOfferMakesItTheChannelsOffer() {
        ContextState state = consenting(Channel.EMAIL);
        var request = new TouchpointRequest(CUSTOMER, Channel.EMAIL, Purpose.MARKETING, Priority.NORMAL, "winback", "offer",
                "k", "OFFER-10", MORNING.plus(Duration.ofDays(3)));
        state = TouchpointDecider.decide(state, request, ALL_ADDRESSES, POLICY, MORNING).newState();
        assertThat(state.offers()).isEmpty();
        state = TouchpointDecider.confirm(state, "k", "m-1", MORNING.plusSeconds(1)).newState();
        assertThat(state.offers()).singleElement().satisfies(o -> {
            assertThat(o.offerId()).isEqualTo("OFFER-10");
            assertThat(o.channel()).isEqualTo(Channel.EMAIL);
        });
        assertThat(TouchpointDecider.prune(state, POLICY, MORNING.plus(Duration.ofDays(4))).offers()).as("expired offers go").isEmpty();
    }

    @Test
    void theLedgerStaysBoundedWithoutDroppingWhatCounts() {
        DecisionPolicy small = new DecisionPolicy(ConsentPolicy.DEFAULT, ContactBudgetPolicy.DEFAULT, QuietHoursPolicy.DEFAULT,
                BERLIN, Duration.ofDays(7), 20, Duration.ofHours(4));
        ContextState state = consenting(Channel.EMAIL);
        state = send(state, Channel.EMAIL, "m1", MORNING);
        for (int i = 0; i < 50; i++) {
            state = TouchpointDecider.decide(state, request(Channel.PUSH, Purpose.TRANSACTIONAL, "t" + i), ALL_ADDRESSES, small, MORNING.plusSeconds(i)).newState();
        }
        assertThat(state.ledger()).hasSizeLessThanOrEqualTo(20);
        assertThat(state.entry("m1")).as("the marketing reservation still counts and is kept").isPresent();
        // and after the retention everything old is gone
        ContextState later = TouchpointDecider.prune(state, small, MORNING.plus(Duration.ofDays(8)));
        assertThat(later.ledger()).isEmpty();
    }

    @Test
    void oneSurveyPerWindowOnAnyChannelKeptBeyondTheRetentionAndAReleasedOneGivesRoomBack() {
        ContextState state = consenting(Channel.EMAIL, Channel.SMS);
        var first = TouchpointDecider.decide(state, survey(Channel.EMAIL, "nps-1"), ALL_ADDRESSES, POLICY, MORNING);
        assertThat(first.result()).isInstanceOf(TouchpointDecision.Send.class);
        state = first.newState();
        // another survey, another channel, a day later: survey fatigue, counted like a budget
        var second = TouchpointDecider.decide(state, survey(Channel.SMS, "csat-1"), ALL_ADDRESSES, POLICY, MORNING.plus(Duration.ofDays(1)));
        assertThat(second.result()).isInstanceOfSatisfying(TouchpointDecision.Suppress.class, s -> {
            assertThat(s.reason()).isEqualTo(SuppressionReason.BUDGET_EXHAUSTED);
            assertThat(s.detail()).contains("one survey per 30 days");
        });
        // an ordinary marketing message is not a survey
        assertThat(TouchpointDecider.decide(state, request(Channel.SMS, Purpose.MARKETING, "m1"), ALL_ADDRESSES, POLICY,
                MORNING.plus(Duration.ofDays(1))).result()).isInstanceOf(TouchpointDecision.Send.class);
        // 29 days on the survey is long past the 7-day retention, still remembered, still counting
        Instant day29 = MORNING.plus(Duration.ofDays(29));
        assertThat(TouchpointDecider.prune(state, POLICY, day29).entry("nps-1")).isPresent();
        assertThat(TouchpointDecider.decide(state, survey(Channel.SMS, "csat-2"), ALL_ADDRESSES, POLICY, day29).result())
                .isInstanceOf(TouchpointDecision.Suppress.class);
        // after 30 days there is room again, and the old survey is pruned
        Instant day31 = MORNING.plus(Duration.ofDays(31));
        var later = TouchpointDecider.decide(state, survey(Channel.SMS, "csat-3"), ALL_ADDRESSES, POLICY, day31);
        assertThat(later.result()).isInstanceOf(TouchpointDecision.Send.class);
        assertThat(later.newState().entry("nps-1")).isEmpty();
        // a survey whose delivery failed for good does not count
        ContextState released = TouchpointDecider.release(state, "nps-1", "bounced", MORNING.plusSeconds(60)).newState();
        assertThat(TouchpointDecider.decide(released, survey(Channel.SMS, "csat-4"), ALL_ADDRESSES, POLICY,
                MORNING.plus(Duration.ofDays(1))).result()).isInstanceOf(TouchpointDecision.Send.class);
    }

    static TouchpointRequest survey(Channel channel, String key) {
        return new TouchpointRequest(CUSTOMER, channel, Purpose.MARKETING, Priority.NORMAL, "order-shipped", "csat-survey@1.0.0",
                key, null, null, true);
    }

    private static ContextState send(ContextState state, Channel channel, String key, Instant at) {
        var outcome = TouchpointDecider.decide(state, request(channel, Purpose.MARKETING, key), ALL_ADDRESSES, POLICY, at);
        assertThat(outcome.result()).as("decision for %s at %s", key, at).isInstanceOf(TouchpointDecision.Send.class);
        return outcome.newState();
    }
}
