package dev.touchpoint.ledger.internal;

import java.util.SortedMap;

/**
 * An entry the writer committed.
 *
 * @param draft      what was asked for
 * @param chainId    its chain
 * @param seq        its place in the chain
 * @param hash       its entry hash
 * @param attributes its attributes as stored (retention and erasure add counts)
 */
public record Appended(EntryDraft draft, String chainId, long seq, String hash, SortedMap<String, String> attributes) {
}
