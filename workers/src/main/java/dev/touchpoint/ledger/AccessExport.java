package dev.touchpoint.ledger;

import dev.touchpoint.context.CustomerContext;
import java.time.Instant;
import java.util.List;

/**
 * Everything Touchpoint holds about one customer, for a data-subject access request: the customer context (profile,
 * consents, recent touchpoints, offers, presence) and every ledger entry with a sentence explaining it.
 *
 * @param customerId         the customer
 * @param generatedAt        when
 * @param generatedBy        the user who asked
 * @param context            the customer context, or null when the context does not know the customer (any more)
 * @param journeys           the journey instances recorded for them
 * @param entries            every ledger entry, oldest first
 * @param personalDataErased whether ledger personal fields exist that can no longer be read (the customer was erased)
 * @param explanation        how to read this document
 */
public record AccessExport(String customerId, Instant generatedAt, String generatedBy, CustomerContext context,
                           List<JourneyInstance> journeys, List<Item> entries, boolean personalDataErased,
                           String explanation) {

    public static final String EXPLANATION = "This document lists what Touchpoint holds about the customer. 'context' is the "
            + "current customer record (profile, consents, recent messages). 'entries' is the evidence ledger: every "
            + "decision about a message (sent, held back, not sent and why), every delivery and provider report, every "
            + "consent change and the journey steps, oldest first; 'summary' explains each entry in a sentence. Personal "
            + "fields of ledger entries are encrypted per customer; after an erasure they are unreadable and shown as ERASED.";

    /** A ledger entry with its explanation. */
    public record Item(String summary, EvidenceEntry entry) {
    }
}
