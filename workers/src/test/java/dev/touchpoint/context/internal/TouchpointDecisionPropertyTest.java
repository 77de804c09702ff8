package dev.touchpoint.context.internal;

import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentPolicy;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.context.ContactBudgetPolicy;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.DecisionPolicy;
import dev.touchpoint.context.Priority;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.QuietHours;
import dev.touchpoint.context.QuietHoursPolicy;
import dev.touchpoint.context.SmsKeyword;
import dev.touchpoint.context.StorePresence;
import dev.touchpoint.context.TouchpointDecision;
import dev.touchpoint.context.TouchpointRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random interleavings of decisions, retries with the same key, confirmations, releases, consent changes (including
 * stale ones and SMS keywords), store visits, clock moves (across midnight, and small backward skews between
 * instances) and time-zone changes. Whatever happens, a fresh SEND never exceeds a budget, never falls into quiet
 * hours, never goes out without consent (or to the kiosk without store presence), never sends a second survey within
 * the survey window, and a key is never sent twice.
 * The expectations come from an independent model kept by the test, not from the decider's own helpers.
 */
class TouchpointDecisionPropertyTest {

    static final String CUSTOMER = "c-prop";
    static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"), ZoneId.of("Pacific/Kiritimati"),
            ZoneId.of("Pacific/Pago_Pago"), ZoneId.of("Asia/Kathmandu"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("UTC"));
    static final Instant START = Instant.parse("2026-03-27T18:00:00Z"); // just before the European spring change
    static final int KEYS = 14;

    sealed interface Action permits Decide, Confirm, Release, Consent, StaleConsent, Keyword, Advance, Zone, Visit {
    }

    record Decide(Channel channel, Purpose purpose, Priority priority, int key, boolean survey) implements Action {
    }

    record Confirm(int key) implements Action {
    }

    record Release(int key) implements Action {
    }

    /** A change expressed now; a grant is the customer's fresh proof (preference centre) or a plain API call. */
    record Consent(Channel channel, Purpose purpose, ConsentStatus status, boolean fresh) implements Action {
    }

    record StaleConsent(Channel channel, Purpose purpose, ConsentStatus status) implements Action {
    }

    record Keyword(SmsKeyword keyword) implements Action {
    }

    /** Minutes; negative for a clock that runs behind (another instance). */
    record Advance(int minutes) implements Action {
    }

    record Zone(int zone) implements Action {
    }

    record Visit(boolean checkIn) implements Action {
    }

    /** The test's own model of what was promised. */
    static final class Model {
        final Map<String, ConsentStatus> consent = new HashMap<>();
        final Map<String, Instant> consentAt = new HashMap<>();
        /** SMS purposes whose record in force is a STOP's withdrawal, and what was in force before that STOP. */
        final EnumSet<Purpose> stopWithdrew = EnumSet.noneOf(Purpose.class);
        final Map<Purpose, ConsentStatus> beforeStop = new EnumMap<>(Purpose.class);
        final List<Sent> sent = new ArrayList<>();
        final Map<String, Instant> decidedAt = new HashMap<>();
        Instant presenceSince;

        record Sent(String key, Channel channel, Purpose purpose, Instant at, boolean[] released, boolean survey) {
        }

        static String k(Channel channel, Purpose purpose) {
            return channel + "/" + purpose;
        }
    }

    @Property(tries = 400)
    void decisionsNeverBreakTheirPromises(@ForAll("actions") List<Action> actions, @ForAll boolean strictPolicy) {
        DecisionPolicy policy = strictPolicy
                ? new DecisionPolicy(new ConsentPolicy(false, true, EnumSet.allOf(Purpose.class)),
                new ContactBudgetPolicy(2, 4, Map.of(Channel.SMS, 1), 3, Duration.ofDays(2)),
                new QuietHoursPolicy(QuietHours.parse("20:30-09:15"), Map.of(Channel.PUSH, QuietHours.parse("22:00-07:00")), true),
                ZoneId.of("UTC"), Duration.ofDays(7), 40, Duration.ofHours(2))
                : DecisionPolicy.DEFAULT;
        Model model = new Model();
        ContextState state = null;
        Instant now = START;
        Instant latestConsent = START.minus(Duration.ofDays(1));
        int zone = 0;
        QuietHours personal = QuietHours.parse("22:30-06:00");

        for (Action action : actions) {
            CustomerFacts facts = new CustomerFacts(ZONES.get(zone), EnumSet.of(Channel.EMAIL, Channel.SMS, Channel.PUSH), personal);
            switch (action) {
                case Advance a -> now = now.plus(Duration.ofMinutes(a.minutes()));
                case Zone z -> zone = z.zone();
                case Visit v -> {
                    ContextState base = state == null ? ContextState.empty(CUSTOMER) : state;
                    state = base.withPresence(v.checkIn() ? new StorePresence("S1", now) : null);
                    model.presenceSince = v.checkIn() ? now : null;
                }
                case Consent c -> {
                    latestConsent = latestConsent.isBefore(now) ? now : latestConsent.plusMillis(1);
                    ConsentSource source = c.status() == ConsentStatus.GRANTED && c.fresh() ? ConsentSource.PREFERENCE_CENTER : ConsentSource.API;
                    var applied = ConsentRules.apply(state, change(c.channel(), c.purpose(), c.status(), source, latestConsent), ConsentRules.WriteMode.LATEST_WINS, null);
                    String k = Model.k(c.channel(), c.purpose());
                    boolean mayApply = c.status() == ConsentStatus.WITHDRAWN || model.consent.get(k) != ConsentStatus.WITHDRAWN || c.fresh();
                    assertThat(applied.applied()).as("withdrawals always apply; a grant over a withdrawal only with fresh proof").isEqualTo(mayApply);
                    state = applied.state();
                    if (mayApply) {
                        model.consent.put(k, c.status());
                        model.consentAt.put(k, latestConsent);
                        if (c.channel() == Channel.SMS) {
                            model.stopWithdrew.remove(c.purpose());
                        }
                    }
                }
                case StaleConsent c -> {
                    String k = Model.k(c.channel(), c.purpose());
                    Instant recorded = model.consentAt.get(k);
                    if (recorded != null) {
                        Instant stale = recorded.minusSeconds(60);
                        var applied = ConsentRules.apply(state, change(c.channel(), c.purpose(), c.status(), ConsentSource.OTHER, stale), ConsentRules.WriteMode.LATEST_WINS, null);
                        boolean withdrawsAGrant = c.status() == ConsentStatus.WITHDRAWN && model.consent.get(k) == ConsentStatus.GRANTED;
                        assertThat(applied.applied()).as("an older change is ignored, unless it withdraws a grant (a withdrawal always wins)")
                                .isEqualTo(withdrawsAGrant);
                        state = applied.state();
                        if (withdrawsAGrant) {
                            model.consent.put(k, ConsentStatus.WITHDRAWN);
                            model.consentAt.put(k, stale);
                            if (c.channel() == Channel.SMS) {
                                model.stopWithdrew.remove(c.purpose());
                            }
                        }
                    }
                }
                case Keyword k -> {
                    latestConsent = latestConsent.isBefore(now) ? now : latestConsent.plusMillis(1);
                    for (ConsentChange change : ConsentRules.smsKeywordChanges(state, CUSTOMER, k.keyword(), policy.consent(), "SM-" + latestConsent.toEpochMilli(), latestConsent)) {
                        state = ConsentRules.apply(state, change, ConsentRules.WriteMode.LATEST_WINS, null).state();
                        model.consentAt.put(Model.k(change.channel(), change.purpose()), latestConsent);
                    }
                    for (Purpose purpose : policy.consent().smsStopWithdraws()) {
                        String k2 = Model.k(Channel.SMS, purpose);
                        if (k.keyword() == SmsKeyword.STOP) {
                            if (!model.stopWithdrew.contains(purpose)) {
                                model.beforeStop.put(purpose, model.consent.get(k2));
                                model.stopWithdrew.add(purpose);
                            }
                            model.consent.put(k2, ConsentStatus.WITHDRAWN);
                        } else if (model.stopWithdrew.contains(purpose)
                                && (purpose == Purpose.TRANSACTIONAL || model.beforeStop.get(purpose) == ConsentStatus.GRANTED)) {
                            model.consent.put(k2, ConsentStatus.GRANTED);
                            model.stopWithdrew.remove(purpose);
                        }
                    }
                }
                case Confirm c -> {
                    var outcome = TouchpointDecider.confirm(state, key(c.key()), "p-" + c.key(), now);
                    state = outcome.newState() == null ? state : outcome.newState();
                }
                case Release r -> {
                    var outcome = TouchpointDecider.release(state, key(r.key()), "permanent failure", now);
                    if (outcome.newState() != null) {
                        model.sent.stream().filter(s -> s.key().equals(key(r.key()))).forEach(s -> s.released()[0] = true);
                    }
                    state = outcome.newState() == null ? state : outcome.newState();
                }
                case Decide d -> {
                    String key = key(d.key());
                    TouchpointRequest request = new TouchpointRequest(CUSTOMER, d.channel(), d.purpose(), d.priority(), "journey",
                            "template", key, null, null, d.survey());
                    var outcome = TouchpointDecider.decide(state, request, facts, policy, now);
                    state = outcome.newState() == null ? state : outcome.newState();
                    check(model, policy, facts, request, outcome.result(), now);
                }
            }
        }
    }

    private static void check(Model model, DecisionPolicy policy, CustomerFacts facts, TouchpointRequest request,
                              TouchpointDecision decision, Instant now) {
        Instant earlier = model.decidedAt.get(request.idempotencyKey());
        // a survey that still counts is kept (and replays) for its window, even beyond the retention
        boolean countingSurvey = !policy.budget().surveyWindow().isZero() && model.sent.stream().anyMatch(s -> s.survey()
                && s.key().equals(request.idempotencyKey()) && !s.released()[0] && s.at().isAfter(now.minus(policy.budget().surveyWindow())));
        boolean remembered = earlier != null && (earlier.isAfter(now.minus(policy.idempotencyRetention())) || countingSurvey);
        if (decision instanceof TouchpointDecision.Defer defer) {
            assertThat(defer.until()).isAfter(now);
            assertThat(quiet(policy, facts, request, defer.until())).as("deferred into an allowed minute").isFalse();
            assertThat(quiet(policy, facts, request, now)).as("deferred only inside quiet hours").isTrue();
            assertThat(remembered).as("a remembered key is replayed, not deferred").isFalse();
            return;
        }
        if (decision.replay()) {
            assertThat(remembered).as("replay of a remembered key").isTrue();
            assertThat(decision.decidedAt()).isEqualTo(earlier);
            return;
        }
        assertThat(remembered).as("key %s decided afresh while the earlier decision is remembered", request.idempotencyKey()).isFalse();
        model.decidedAt.put(request.idempotencyKey(), now);
        if (!(decision instanceof TouchpointDecision.Send)) {
            return;
        }
        // consent
        ConsentStatus own = model.consent.get(Model.k(request.channel(), request.purpose()));
        if (request.purpose() == Purpose.MARKETING) {
            boolean allowed = policy.consent().marketingRequiresOptIn() ? own == ConsentStatus.GRANTED : own != ConsentStatus.WITHDRAWN;
            assertThat(allowed).as("marketing sent without consent: %s", own).isTrue();
        } else {
            assertThat(own).as("transactional sent after its withdrawal").isNotEqualTo(ConsentStatus.WITHDRAWN);
            if (policy.consent().transactionalHonoursMarketingOptOut()) {
                assertThat(model.consent.get(Model.k(request.channel(), Purpose.MARKETING))).isNotEqualTo(ConsentStatus.WITHDRAWN);
            }
        }
        // kiosk presence
        if (request.channel() == Channel.KIOSK) {
            assertThat(model.presenceSince).isNotNull();
            assertThat(model.presenceSince.plus(policy.presenceTtl())).isAfter(now);
        }
        // quiet hours
        assertThat(quiet(policy, facts, request, now)).as("sent inside quiet hours").isFalse();
        // budget (the new send included)
        model.sent.add(new Model.Sent(request.idempotencyKey(), request.channel(), request.purpose(), now, new boolean[1],
                request.survey()));
        // survey fatigue: this survey is the only one (any channel, any purpose) still counting within the window
        if (request.survey()) {
            long surveys = model.sent.stream().filter(s -> s.survey() && !s.released()[0]
                    && s.at().isAfter(now.minus(policy.budget().surveyWindow()))).count();
            assertThat(surveys).as("surveys within %s", policy.budget().surveyWindow()).isEqualTo(1);
        }
        Map<Channel, Integer> perChannel = new EnumMap<>(Channel.class);
        int day = 0;
        int week = 0;
        for (Model.Sent s : model.sent) {
            if (s.released()[0] || s.purpose() != request.purpose()) {
                continue;
            }
            if (s.at().isAfter(now.minus(Duration.ofDays(7)))) {
                week++;
            }
            if (s.at().isAfter(now.minus(Duration.ofDays(1)))) {
                day++;
                perChannel.merge(s.channel(), 1, Integer::sum);
            }
        }
        ContactBudgetPolicy budget = policy.budget();
        if (request.purpose() == Purpose.MARKETING) {
            assertWithin(day, budget.marketingPerDay(), "marketing per day");
            assertWithin(week, budget.marketingPerWeek(), "marketing per week");
            assertWithin(perChannel.getOrDefault(request.channel(), 0), budget.perChannelPerDay(request.channel()), "per channel per day");
        } else {
            assertWithin(day, budget.transactionalPerDay(), "transactional per day");
        }
    }

    private static void assertWithin(int count, int limit, String what) {
        if (limit > 0) {
            assertThat(count).as(what).isLessThanOrEqualTo(limit);
        }
    }

    private static boolean quiet(DecisionPolicy policy, CustomerFacts facts, TouchpointRequest request, Instant at) {
        if (!policy.quietHours().appliesTo(request.purpose(), request.priority())) {
            return false;
        }
        var local = at.atZone(facts.timeZone()).toLocalTime();
        return policy.quietHours().forChannel(request.channel()).contains(local) || facts.quietHours().contains(local);
    }

    private static ConsentChange change(Channel channel, Purpose purpose, ConsentStatus status, ConsentSource source, Instant at) {
        return new ConsentChange(CUSTOMER, channel, purpose, status, source, "proof-" + at.toEpochMilli(), at);
    }

    private static String key(int index) {
        return "job-" + index;
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        return action().list().ofMinSize(1).ofMaxSize(150);
    }

    Arbitrary<Action> action() {
        Arbitrary<Channel> channels = Arbitraries.of(Channel.class);
        Arbitrary<Purpose> purposes = Arbitraries.of(Purpose.class);
        Arbitrary<ConsentStatus> statuses = Arbitraries.of(ConsentStatus.class);
        Arbitrary<Integer> keys = Arbitraries.integers().between(0, KEYS - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(10, Combinators.combine(channels, purposes, Arbitraries.of(Priority.class), keys,
                        Arbitraries.of(true, false, false)).as(Decide::new)),
                Tuple.of(3, keys.map(Confirm::new)),
                Tuple.of(2, keys.map(Release::new)),
                Tuple.of(3, Combinators.combine(channels, purposes, statuses, Arbitraries.of(true, false)).as(Consent::new)),
                Tuple.of(1, Combinators.combine(channels, purposes, statuses).as(StaleConsent::new)),
                Tuple.of(1, Arbitraries.of(SmsKeyword.class).map(Keyword::new)),
                Tuple.of(5, Arbitraries.oneOf(Arbitraries.integers().between(1, 90), Arbitraries.integers().between(60, 1800),
                        Arbitraries.integers().between(-10, -1)).map(Advance::new)),
                // days at once: past the 7-day retention, within the 30-day survey window
                Tuple.of(1, Arbitraries.integers().between(6 * 1440, 12 * 1440).map(Advance::new)),
                Tuple.of(1, Arbitraries.integers().between(0, ZONES.size() - 1).map(Zone::new)),
                Tuple.of(1, Arbitraries.of(true, false).map(Visit::new)));
    }
}
