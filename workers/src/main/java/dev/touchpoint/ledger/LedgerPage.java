package dev.touchpoint.ledger;

import java.util.List;

/**
 * One page of entries, ordered by when they occurred (then by insertion).
 *
 * @param entries the entries
 * @param page    the page number from 0
 * @param size    the requested page size
 * @param hasMore whether another page follows
 */
public record LedgerPage(List<EvidenceEntry> entries, int page, int size, boolean hasMore) {

    public LedgerPage {
        entries = List.copyOf(entries);
    }
}
