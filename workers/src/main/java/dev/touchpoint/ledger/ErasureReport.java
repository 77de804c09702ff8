package dev.touchpoint.ledger;

import java.time.Instant;
import java.util.Map;

/**
 * What an erasure did to the ledger.
 *
 * @param customerId        the customer
 * @param contextErased     whether the customer context held the customer and erased it (false when it did not know
 *                          them, or when only the ledger was asked)
 * @param keysDestroyed     ledger data keys destroyed (0 when there were none, e.g. erased before)
 * @param sealedEntries     entries whose personal fields are now unreadable
 * @param erasedEntrySeq    the seq of the ERASED entry recorded in the customer's chain
 * @param at                when
 * @param erasedElsewhere   what was erased outside the context and the ledger, by place (campaign rows, journey
 *                          instances cancelled, sandbox messages, kiosk screens), as recorded in the ERASED entry
 */
public record ErasureReport(String customerId, boolean contextErased, int keysDestroyed, long sealedEntries,
                            long erasedEntrySeq, Instant at, Map<String, Long> erasedElsewhere) {

    public ErasureReport {
        erasedElsewhere = erasedElsewhere == null ? Map.of() : Map.copyOf(erasedElsewhere);
    }
}
