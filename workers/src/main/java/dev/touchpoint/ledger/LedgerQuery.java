package dev.touchpoint.ledger;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A filter over the ledger. Every criterion is optional; entries must match all given ones. Pruned entries (content
 * removed by retention) are never returned.
 *
 * @param customerId the customer (also finds provider statuses that could not be matched to a customer when written,
 *                   through their provider message id)
 * @param campaign   the {@code campaignId} variable of the journey instance
 * @param journey    a BPMN process id ({@code welcome}) or process id and version ({@code welcome:3})
 * @param channel    EMAIL, SMS, PUSH or KIOSK (case-insensitive)
 * @param decision   SEND, SUPPRESS or DEFER (case-insensitive)
 * @param kinds      entry kinds; empty for all
 * @param from       occurred at or after (inclusive)
 * @param to         occurred before (exclusive)
 * @param page       page number from 0
 * @param size       entries per page, 1 to {@link #MAX_PAGE_SIZE}
 */
public record LedgerQuery(
        String customerId,
        String campaign,
        String journey,
        String channel,
        String decision,
        Set<EntryKind> kinds,
        Instant from,
        Instant to,
        int page,
        int size) {

    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;

    public LedgerQuery {
        customerId = blankToNull(customerId);
        campaign = blankToNull(campaign);
        journey = blankToNull(journey);
        channel = blankToNull(channel) == null ? null : channel.trim().toUpperCase(Locale.ROOT);
        decision = blankToNull(decision) == null ? null : decision.trim().toUpperCase(Locale.ROOT);
        kinds = kinds == null || kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be 1-" + MAX_PAGE_SIZE);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        if (journey != null && journey.indexOf(':') >= 0) {
            String version = journey.substring(journey.lastIndexOf(':') + 1);
            try {
                Integer.parseInt(version);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("journey must be a process id or processId:version, was '" + journey + "'");
            }
        }
    }

    /** Everything, first page. */
    public static LedgerQuery all() {
        return new LedgerQuery(null, null, null, null, null, Set.of(), null, null, 0, DEFAULT_PAGE_SIZE);
    }

    /** One customer's entries, first page of the maximum size. */
    public static LedgerQuery forCustomer(String customerId) {
        return new LedgerQuery(customerId, null, null, null, null, Set.of(), null, null, 0, MAX_PAGE_SIZE);
    }

    public LedgerQuery withPage(int newPage, int newSize) {
        return new LedgerQuery(customerId, campaign, journey, channel, decision, kinds, from, to, newPage, newSize);
    }

    public LedgerQuery withKinds(Set<EntryKind> newKinds) {
        return new LedgerQuery(customerId, campaign, journey, channel, decision, newKinds, from, to, page, size);
    }

    /** The process id part of {@link #journey()}. */
    public String journeyProcessId() {
        if (journey == null) {
            return null;
        }
        int colon = journey.lastIndexOf(':');
        return colon < 0 ? journey : journey.substring(0, colon);
    }

    /** The version part of {@link #journey()}, or null when only the process id was given. */
    public Integer journeyVersion() {
        if (journey == null || journey.lastIndexOf(':') < 0) {
            return null;
        }
        return Integer.parseInt(journey.substring(journey.lastIndexOf(':') + 1));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
