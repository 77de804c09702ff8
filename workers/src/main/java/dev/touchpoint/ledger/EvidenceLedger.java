package dev.touchpoint.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Reading, verifying and erasing the evidence ledger. Writing happens through events (see the package description);
 * nothing outside the ledger appends to it directly.
 */
public interface EvidenceLedger {

    /** One page of entries matching the query, ordered by occurrence time, then insertion. */
    LedgerPage query(LedgerQuery query);

    /**
     * Streams every entry matching the query's criteria (its page and size are ignored) in the format, in occurrence
     * order, without holding them in memory.
     *
     * @return how many entries were written
     */
    long export(LedgerQuery query, ExportFormat format, OutputStream out) throws IOException;

    /** Every entry of the customer's chain, oldest first (personal fields decrypted while their keys exist). */
    List<EvidenceEntry> entriesOf(String customerId);

    /** The journey instances recorded for the customer, oldest first. */
    List<JourneyInstance> journeyInstancesOf(String customerId);

    /** Recomputes every chain. */
    VerificationReport verify();

    /** Recomputes one chain (a customer id, or {@code ~system}, {@code ~journeys}, {@code ~provider}). */
    VerificationReport verifyChain(String chainId);

    /**
     * Erases the customer's personal data from the ledger: destroys their data keys and records an ERASED entry in
     * their chain. Entries stay (their hashes cover the ciphertext, so the chain still verifies). Idempotent.
     */
    ErasureReport eraseCustomer(String customerId, String requestedBy);

    /** Applies the configured retention policy now (also runs on its schedule); the run is itself recorded. */
    RetentionReport applyRetention(String requestedBy);
}
