package dev.touchpoint.context;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Everything the atomic decision applies. It travels with each decision to the member that owns the customer's
 * entry, so every member (and every client) applies the policy of the instance that asked.
 *
 * @param consent              consent rules
 * @param budget               contact budget
 * @param quietHours           quiet hours
 * @param defaultTimeZone      used for customers without a time zone
 * @param idempotencyRetention how long a decision is remembered under its key (at least 7 days: the budget window)
 * @param ledgerMaxEntries     upper bound of the per-customer touchpoint ledger
 * @param presenceTtl          how long a store check-in counts without a check-out
 */
public record DecisionPolicy(
        ConsentPolicy consent,
        ContactBudgetPolicy budget,
        QuietHoursPolicy quietHours,
        ZoneId defaultTimeZone,
        Duration idempotencyRetention,
        int ledgerMaxEntries,
        Duration presenceTtl) {

    public static final Duration BUDGET_WEEK = Duration.ofDays(7);

    public static final DecisionPolicy DEFAULT = new DecisionPolicy(ConsentPolicy.DEFAULT, ContactBudgetPolicy.DEFAULT,
            QuietHoursPolicy.DEFAULT, ZoneId.of("UTC"), Duration.ofDays(7), 200, Duration.ofHours(4));

    public DecisionPolicy {
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(quietHours, "quietHours");
        Objects.requireNonNull(defaultTimeZone, "defaultTimeZone");
        idempotencyRetention = idempotencyRetention == null || idempotencyRetention.compareTo(BUDGET_WEEK) < 0
                ? BUDGET_WEEK : idempotencyRetention;
        int marketingPerWeek = budget.marketingPerWeek() > 0 ? budget.marketingPerWeek() : 7 * Math.max(0, budget.marketingPerDay());
        int needed = marketingPerWeek + Math.max(0, budget.transactionalPerDay()) + 10;
        if (ledgerMaxEntries < Math.max(20, needed)) {
            throw new IllegalArgumentException("ledgerMaxEntries must be at least " + Math.max(20, needed)
                    + " so that every touchpoint that counts against a limit stays in the ledger");
        }
        presenceTtl = presenceTtl == null ? Duration.ofHours(4) : presenceTtl;
    }

    public DecisionPolicy withBudget(ContactBudgetPolicy newBudget) {
        return new DecisionPolicy(consent, newBudget, quietHours, defaultTimeZone, idempotencyRetention, ledgerMaxEntries, presenceTtl);
    }

    public DecisionPolicy withConsent(ConsentPolicy newConsent) {
        return new DecisionPolicy(newConsent, budget, quietHours, defaultTimeZone, idempotencyRetention, ledgerMaxEntries, presenceTtl);
    }

    public DecisionPolicy withQuietHours(QuietHoursPolicy newQuietHours) {
        return new DecisionPolicy(consent, budget, newQuietHours, defaultTimeZone, idempotencyRetention, ledgerMaxEntries, presenceTtl);
    }
}
