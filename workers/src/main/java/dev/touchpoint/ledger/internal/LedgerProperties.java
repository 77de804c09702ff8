package dev.touchpoint.ledger.internal;

import dev.touchpoint.channel.Masked;
import dev.touchpoint.ledger.EntryKind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code touchpoint.ledger.*}: the evidence ledger's settings (see config/application.yaml and the "Evidence ledger"
 * section of docs/operator-guide.md).
 *
 * @param enabled        false turns the whole ledger off (no evidence, no API): for test slices only
 * @param syncH2Commits  on the embedded H2 database, make every commit reach the file before it returns
 *                       ({@code SET WRITE_DELAY 0}); H2's default would acknowledge commits up to 500 ms before
 *                       they are written, and a crash would lose them
 */
@ConfigurationProperties("touchpoint.ledger")
public record LedgerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue Writer writer,
        @DefaultValue ProcessHistory processHistory,
        @DefaultValue Encryption encryption,
        @DefaultValue Retention retention,
        @DefaultValue("true") boolean syncH2Commits,
        @DefaultValue ConsentEvidenceRelaySettings consentEvidenceRelay) {

    /**
     * {@code touchpoint.ledger.consent-evidence-relay.*}: appends the evidence of consent changes whose first recording
     * failed (the context's outbox, ADR-0005). A pending row is relayed once it was seen in two passes, so the relay
     * never races the request that is recording it right now.
     *
     * @param interval time between passes
     * @param batch    most rows per pass
     */
    public record ConsentEvidenceRelaySettings(@DefaultValue("30s") Duration interval, @DefaultValue("500") int batch) {
    }

    /**
     * {@code touchpoint.ledger.writer.*}: group commit.
     *
     * @param maxBatch      most entries per transaction
     * @param maxWait       how long the writer lingers for more entries after the first (0: commit what is waiting)
     * @param queueCapacity submissions that may wait; callers block (up to ack-timeout) when it is full
     * @param ackTimeout    how long a caller waits for its entries to be committed before it fails (the job is retried)
     */
    public record Writer(
            @DefaultValue("256") int maxBatch,
            @DefaultValue("0ms") Duration maxWait,
            @DefaultValue("10000") int queueCapacity,
            @DefaultValue("10s") Duration ackTimeout) {

        LedgerWriter.Settings settings() {
            return new LedgerWriter.Settings(maxBatch, maxWait, queueCapacity, ackTimeout);
        }
    }

    /**
     * {@code touchpoint.ledger.process-history.*}: journey steps from the embedded engine's record stream.
     *
     * @param enabled          read the record stream (embedded engine only; a remote cluster needs an exporter, ADR-0011)
     * @param pollInterval     how often new records are read
     * @param customerVariable the process variable holding the customer id
     * @param campaignVariable the process variable holding the campaign id (for queries by campaign)
     * @param steps            record every element activated/completed (false: only starts, ends, messages, timers,
     *                         incidents)
     * @param customerWait     how long records of an instance wait for its customer variable before they are recorded
     *                         without a customer (chain {@code ~journeys})
     */
    public record ProcessHistory(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("200ms") Duration pollInterval,
            @DefaultValue("customerId") String customerVariable,
            @DefaultValue("campaignId") String campaignVariable,
            @DefaultValue("true") boolean steps,
            @DefaultValue("30s") Duration customerWait) {
    }

    /**
     * {@code touchpoint.ledger.encryption.*}: the master key that wraps the per-customer data keys.
     *
     * @param masterKey       base64 of 32 random bytes ({@code TOUCHPOINT_LEDGER_MASTER_KEY}); every instance sharing
     *                        a database needs the same one
     * @param masterKeyFile   where the key is kept when {@code master-key} is not set; default: next to the credentials
     *                        file ({@code ${touchpoint.home}/.touchpoint/ledger-master.key})
     * @param generateMissing create the key file at the first start (embedded default); false in the cluster profile,
     *                        where a missing key stops the start
     */
    public record Encryption(String masterKey, String masterKeyFile, @DefaultValue("true") boolean generateMissing) {

        @Override
        public String toString() {
            return "Encryption[masterKey=" + Masked.secret(masterKey) + ", masterKeyFile=" + masterKeyFile
                    + ", generateMissing=" + generateMissing + "]";
        }
    }

    /**
     * {@code touchpoint.ledger.retention.*}.
     *
     * @param schedule   cron expression (seconds first) of the retention job; "-" disables the schedule
     * @param keep       per entry kind, how long entries are kept; kinds not listed are kept forever. ERASED and
     *                   RETENTION_APPLIED cannot be pruned
     * @param batchLimit most entries pruned per kind and transaction (a run repeats until done)
     */
    public record Retention(
            @DefaultValue("0 15 3 * * *") String schedule,
            Map<EntryKind, Duration> keep,
            @DefaultValue("10000") int batchLimit) {

        public Retention {
            Map<EntryKind, Duration> copy = new EnumMap<>(EntryKind.class);
            if (keep != null) {
                keep.forEach((kind, duration) -> {
                    if (kind == EntryKind.ERASED || kind == EntryKind.RETENTION_APPLIED) {
                        throw new IllegalArgumentException("touchpoint.ledger.retention.keep: " + kind + " entries are kept forever");
                    }
                    if (duration == null || duration.isNegative() || duration.isZero()) {
                        throw new IllegalArgumentException("touchpoint.ledger.retention.keep." + kind + " must be a positive duration");
                    }
                    copy.put(kind, duration);
                });
            }
            keep = Map.copyOf(copy);
            if (batchLimit < 1) {
                throw new IllegalArgumentException("touchpoint.ledger.retention.batch-limit must be at least 1");
            }
        }
    }
}
