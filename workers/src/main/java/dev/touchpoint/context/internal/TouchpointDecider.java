package dev.touchpoint.context.internal;

import dev.touchpoint.context.ConsentPolicy;
import dev.touchpoint.context.ConsentRecord;
import dev.touchpoint.context.ContactBudgetPolicy;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.ConversationOffer;
import dev.touchpoint.context.DecisionPolicy;
import dev.touchpoint.context.DeferralReason;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.QuietHours;
import dev.touchpoint.context.ReservationId;
import dev.touchpoint.context.StorePresence;
import dev.touchpoint.context.SuppressionReason;
import dev.touchpoint.context.TouchpointDecision;
import dev.touchpoint.context.TouchpointRecord;
import dev.touchpoint.context.TouchpointRequest;
import dev.touchpoint.context.TouchpointStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision for one touchpoint, as a pure function of the customer's state, the request, the profile facts, the
 * policy and the time. No Hazelcast, no clock: the entry processors call it on the partition thread that owns the
 * customer's entry, and the property-based tests call it directly.
 *
 * <p>Order of checks: idempotency (replay), consent, reachability, quiet hours, budget. Consent comes before quiet
 * hours so that a customer without consent is suppressed at once rather than deferred to the morning.
 */
public final class TouchpointDecider {

    private static final Duration DAY = Duration.ofDays(1);

    /** The outcome of an operation: its result and the new state, or null when the state did not change. */
    public record Outcome<R>(R result, ContextState newState) {
    }

    private TouchpointDecider() {
    }

    /** Decides a touchpoint; on SEND the new state holds the PENDING reservation. */
    public static Outcome<TouchpointDecision> decide(ContextState current, TouchpointRequest request, CustomerFacts facts,
                                                     DecisionPolicy policy, Instant now) {
        ContextState base = current == null ? ContextState.empty(request.customerId()) : current;
        ContextState state = prune(base, policy, now);
        boolean pruned = state != base;

        var earlier = state.entry(request.idempotencyKey());
        if (earlier.isPresent() && !earlier.get().deferred()) {
            return new Outcome<>(replay(request.customerId(), earlier.get()), pruned ? state : null);
        }

        if (!consentAllows(state, request.channel(), request.purpose(), policy.consent())) {
            return suppress(state, request, SuppressionReason.NO_CONSENT,
                    "no " + request.purpose() + " consent on " + request.channel(), now);
        }
        if (!reachable(state, request.channel(), facts, policy, now)) {
            return suppress(state, request, SuppressionReason.UNREACHABLE,
                    request.channel() == Channel.KIOSK ? "not in a store" : "no address for " + request.channel(), now);
        }
        if (policy.quietHours().appliesTo(request.purpose(), request.priority())) {
            ZoneId zone = facts.timeZone() == null ? policy.defaultTimeZone() : facts.timeZone();
            List<QuietHours> windows = List.of(policy.quietHours().forChannel(request.channel()), facts.quietHours());
            if (insideAny(windows, now, zone)) {
                Instant until = nextAllowed(windows, now, zone);
                if (until == null || request.priority() == dev.touchpoint.context.Priority.LOW) {
                    return suppress(state, request, SuppressionReason.QUIET_HOURS,
                            until == null ? "quiet hours cover the whole day" : "low priority inside quiet hours", now);
                }
                TouchpointDecision defer = new TouchpointDecision.Defer(request.idempotencyKey(), until, DeferralReason.QUIET_HOURS, now);
                TouchpointRecord waiting = new TouchpointRecord(request.idempotencyKey(), request.channel(), request.purpose(),
                        request.journey(), request.template(), TouchpointStatus.DEFERRED, null, DeferralReason.QUIET_HOURS.name(),
                        now, now, null, request.offerId(), request.offerExpiresAt(), until, request.survey());
                return new Outcome<>(defer, state.putInLedger(waiting));
            }
        }
        String exhausted = budgetExhausted(state, request, policy.budget(), now);
        if (exhausted != null) {
            return suppress(state, request, SuppressionReason.BUDGET_EXHAUSTED, exhausted, now);
        }

        TouchpointRecord reservation = new TouchpointRecord(request.idempotencyKey(), request.channel(), request.purpose(),
                request.journey(), request.template(), TouchpointStatus.PENDING, null, null, now, now, null,
                request.offerId(), request.offerExpiresAt(), null, request.survey());
        ContextState next = state.putInLedger(reservation);
        TouchpointDecision send = new TouchpointDecision.Send(
                new ReservationId(request.customerId(), request.idempotencyKey()), now, TouchpointStatus.PENDING, null, false);
        return new Outcome<>(send, next);
    }

    /** Confirms a reservation; an offer it carried becomes the channel's current offer. */
    public static Outcome<Boolean> confirm(ContextState current, String idempotencyKey, String providerMessageId, Instant now) {
        if (current == null) {
            return new Outcome<>(false, null);
        }
        var entry = current.entry(idempotencyKey);
        if (entry.isEmpty()) {
            return new Outcome<>(false, null);
        }
        TouchpointRecord record = entry.get();
        if (record.status() == TouchpointStatus.CONFIRMED) {
            return new Outcome<>(true, null);
        }
        if (record.status() != TouchpointStatus.PENDING) {
            return new Outcome<>(false, null);
        }
        ContextState next = current.replaceInLedger(record.withStatus(TouchpointStatus.CONFIRMED, now, providerMessageId, null));
        if (record.offerId() != null) {
            next = next.withOffer(new ConversationOffer(record.channel(), record.offerId(), record.journey(), now, record.offerExpiresAt()));
        }
        return new Outcome<>(true, next);
    }

    /** Releases a pending reservation: it no longer counts against the budget, and its key still replays. */
    public static Outcome<Boolean> release(ContextState current, String idempotencyKey, String reason, Instant now) {
        if (current == null) {
            return new Outcome<>(false, null);
        }
        var entry = current.entry(idempotencyKey);
        if (entry.isEmpty()) {
            return new Outcome<>(false, null);
        }
        TouchpointRecord record = entry.get();
        if (record.status() == TouchpointStatus.RELEASED) {
            return new Outcome<>(true, null);
        }
        if (record.status() != TouchpointStatus.PENDING) {
            return new Outcome<>(false, null);
        }
        String detail = reason == null ? null : reason.length() > 256 ? reason.substring(0, 256) : reason;
        return new Outcome<>(true, current.replaceInLedger(record.withStatus(TouchpointStatus.RELEASED, now, null, detail)));
    }

    /** Whether the consent records allow a touchpoint of this purpose on this channel under the policy. */
    public static boolean consentAllows(ContextState state, Channel channel, Purpose purpose, ConsentPolicy policy) {
        ConsentRecord marketing = state.consent(channel, Purpose.MARKETING).orElse(null);
        if (purpose == Purpose.MARKETING) {
            if (marketing == null) {
                return !policy.marketingRequiresOptIn();
            }
            return marketing.granted();
        }
        ConsentRecord transactional = state.consent(channel, Purpose.TRANSACTIONAL).orElse(null);
        if (transactional != null && transactional.withdrawn()) {
            return false;
        }
        return !(policy.transactionalHonoursMarketingOptOut() && marketing != null && marketing.withdrawn());
    }

    /** Whether the channel has an address (kiosk: a store presence that has not lapsed). */
    public static boolean reachable(ContextState state, Channel channel, CustomerFacts facts, DecisionPolicy policy, Instant now) {
        if (channel == Channel.KIOSK) {
            return presentAt(state.presence(), policy, now);
        }
        return facts.addressable().contains(channel);
    }

    private static boolean countingSurvey(TouchpointRecord record, DecisionPolicy policy, Instant surveyStart) {
        return record.survey() && record.counts() && !policy.budget().surveyWindow().isZero()
                && record.decidedAt().isAfter(surveyStart);
    }

    static boolean presentAt(StorePresence presence, DecisionPolicy policy, Instant now) {
        return presence != null && presence.since().plus(policy.presenceTtl()).isAfter(now);
    }

    static boolean insideAny(List<QuietHours> windows, Instant instant, ZoneId zone) {
        for (QuietHours window : windows) {
            if (window.contains(instant, zone)) {
                return true;
            }
        }
        return false;
    }

    /** The first instant at or after {@code now} outside every window, or null when the windows cover the whole day. */
    static Instant nextAllowed(List<QuietHours> windows, Instant now, ZoneId zone) {
        Instant candidate = now;
        for (int round = 0; round < 8; round++) {
            boolean moved = false;
            for (QuietHours window : windows) {
                Instant end = window.endOfWindow(candidate, zone);
                if (end.isAfter(candidate)) {
                    candidate = end;
                    moved = true;
                }
            }
            if (!moved) {
                return candidate;
            }
            if (Duration.between(now, candidate).compareTo(Duration.ofDays(2)) > 0) {
                return null;
            }
        }
        return null;
    }

    /**
     * Why the budget does not allow one more touchpoint, or null when it does. Counts reservations whose decision
     * time is after {@code now - window}, including ones stamped later than {@code now} by a member whose clock runs
     * ahead, so that no window of that length ever holds more than the limit.
     */
    static String budgetExhausted(ContextState state, TouchpointRequest request, ContactBudgetPolicy budget, Instant now) {
        Instant dayStart = now.minus(DAY);
        Instant weekStart = now.minus(DecisionPolicy.BUDGET_WEEK);
        int day = 0;
        int week = 0;
        int channelDay = 0;
        for (TouchpointRecord record : state.ledger()) {
            if (!record.counts() || record.purpose() != request.purpose()) {
                continue;
            }
            if (record.decidedAt().isAfter(weekStart)) {
                week++;
            }
            if (record.decidedAt().isAfter(dayStart)) {
                day++;
                if (record.channel() == request.channel()) {
                    channelDay++;
                }
            }
        }
        if (request.survey() && surveyWithinWindow(state, budget, now)) {
            return "one survey per " + budget.surveyWindow().toDays() + " days (survey fatigue)";
        }
        if (request.purpose() == Purpose.TRANSACTIONAL) {
            return limitReached(day, budget.transactionalPerDay()) ? "transactional per day " + day + "/" + budget.transactionalPerDay() : null;
        }
        if (limitReached(day, budget.marketingPerDay())) {
            return "marketing per day " + day + "/" + budget.marketingPerDay();
        }
        if (limitReached(week, budget.marketingPerWeek())) {
            return "marketing per week " + week + "/" + budget.marketingPerWeek();
        }
        int channelLimit = budget.perChannelPerDay(request.channel());
        if (limitReached(channelDay, channelLimit)) {
            return "marketing per day on " + request.channel() + " " + channelDay + "/" + channelLimit;
        }
        return null;
    }

    /**
     * Whether a survey that still counts (reserved or delivered, any channel and purpose) was decided within the
     * survey window; like the other limits, one stamped later than {@code now} counts too.
     */
    static boolean surveyWithinWindow(ContextState state, ContactBudgetPolicy budget, Instant now) {
        if (budget.surveyWindow().isZero()) {
            return false;
        }
        Instant windowStart = now.minus(budget.surveyWindow());
        for (TouchpointRecord record : state.ledger()) {
            if (record.survey() && record.counts() && record.decidedAt().isAfter(windowStart)) {
                return true;
            }
        }
        return false;
    }

    private static boolean limitReached(int count, int limit) {
        return limit > 0 && count >= limit;
    }

    private static Outcome<TouchpointDecision> suppress(ContextState state, TouchpointRequest request, SuppressionReason reason,
                                                        String detail, Instant now) {
        TouchpointRecord record = new TouchpointRecord(request.idempotencyKey(), request.channel(), request.purpose(),
                request.journey(), request.template(), TouchpointStatus.SUPPRESSED, reason, detail, now, now, null,
                request.offerId(), request.offerExpiresAt(), null, request.survey());
        TouchpointDecision decision = new TouchpointDecision.Suppress(request.idempotencyKey(), reason, detail, now, false);
        return new Outcome<>(decision, state.putInLedger(record));
    }

    static TouchpointDecision replay(String customerId, TouchpointRecord earlier) {
        if (earlier.status() == TouchpointStatus.SUPPRESSED) {
            return new TouchpointDecision.Suppress(earlier.idempotencyKey(), earlier.reason(), earlier.detail(), earlier.decidedAt(), true);
        }
        return new TouchpointDecision.Send(new ReservationId(customerId, earlier.idempotencyKey()), earlier.decidedAt(),
                earlier.status(), earlier.providerMessageId(), true);
    }

    /**
     * Drops what no decision needs any more: ledger entries older than the retention, lapsed presence, expired offers,
     * and, above the ledger bound, the oldest entries that no longer count against a budget. Returns {@code state}
     * itself when nothing was dropped.
     */
    public static ContextState prune(ContextState state, DecisionPolicy policy, Instant now) {
        ContextState result = state;
        Instant horizon = now.minus(policy.idempotencyRetention());
        List<TouchpointRecord> ledger = state.ledger();
        if (!ledger.isEmpty() && !ledger.getFirst().decidedAt().isAfter(horizon) || ledger.size() >= policy.ledgerMaxEntries()) {
            List<TouchpointRecord> kept = new ArrayList<>(ledger.size());
            // a survey that still counts stays for its window, which may be longer than the retention
            Instant surveyStart = now.minus(policy.budget().surveyWindow());
            for (TouchpointRecord record : ledger) {
                if (record.decidedAt().isAfter(horizon) || countingSurvey(record, policy, surveyStart)) {
                    kept.add(record);
                }
            }
            // one slot is kept free for the entry the caller may add; drop first what no limit counts any more,
            // then transactional entries, and marketing ones that still count only as a last resort
            int excess = kept.size() - (policy.ledgerMaxEntries() - 1);
            Instant dayStart = now.minus(DAY);
            Instant weekStart = now.minus(DecisionPolicy.BUDGET_WEEK);
            ContactBudgetPolicy budget = policy.budget();
            boolean marketingLimited = budget.marketingPerDay() > 0 || budget.marketingPerWeek() > 0
                    || budget.marketingPerChannelPerDay().values().stream().anyMatch(limit -> limit > 0);
            for (int pass = 0; pass < 3 && excess > 0; pass++) {
                var iterator = kept.iterator();
                while (iterator.hasNext() && excess > 0) {
                    TouchpointRecord record = iterator.next();
                    boolean marketing = record.purpose() == Purpose.MARKETING;
                    boolean stillCounts = record.counts() && (marketing
                            ? marketingLimited && record.decidedAt().isAfter(weekStart)
                            : budget.transactionalPerDay() > 0 && record.decidedAt().isAfter(dayStart))
                            || countingSurvey(record, policy, surveyStart);
                    // the survey window is kept through every pass: dropping it would allow a second survey at once
                    if (countingSurvey(record, policy, surveyStart)) {
                        continue;
                    }
                    if (!stillCounts || (pass == 1 && !marketing) || pass == 2) {
                        iterator.remove();
                        excess--;
                    }
                }
            }
            if (kept.size() != ledger.size()) {
                result = result.withLedger(kept);
            }
        }
        if (result.presence() != null && !presentAt(result.presence(), policy, now)) {
            result = result.withPresence(null);
        }
        if (!result.offers().isEmpty()) {
            List<ConversationOffer> active = result.offers().stream().filter(o -> o.activeAt(now)).toList();
            if (active.size() != result.offers().size()) {
                result = result.withOffers(active);
            }
        }
        return result == state ? state : result.unchangedConsent();
    }
}
