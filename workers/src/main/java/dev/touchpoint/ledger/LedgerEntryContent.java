package dev.touchpoint.ledger;

import java.time.Instant;

/**
 * Something that carries a ledger entry's {@link LedgerEntryFields} (the entry read back, the draft to append, the
 * stored row) and lets its readers use the fields as its own ({@code entry.channel()}, as the console's pages and the
 * exports do). The accessors are written here once, for all of them.
 */
public interface LedgerEntryContent {

    /** The entry's content fields. */
    LedgerEntryFields fields();

    default String customerId() { return fields().customerId(); }
    default String processId() { return fields().processId(); }
    default Integer processVersion() { return fields().processVersion(); }
    default Long processInstanceKey() { return fields().processInstanceKey(); }
    default String elementId() { return fields().elementId(); }
    default String channel() { return fields().channel(); }
    default String templateId() { return fields().templateId(); }
    default String templateVersion() { return fields().templateVersion(); }
    default String contentSha256() { return fields().contentSha256(); }
    default String decision() { return fields().decision(); }
    default String outcome() { return fields().outcome(); }
    default String reason() { return fields().reason(); }
    default Instant until() { return fields().until(); }
    default String consentSnapshot() { return fields().consentSnapshot(); }
    default String providerMessageId() { return fields().providerMessageId(); }
    default String idempotencyKey() { return fields().idempotencyKey(); }
}
