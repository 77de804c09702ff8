package dev.touchpoint.ledger.internal;

import dev.touchpoint.ledger.JourneyInstance;

import dev.touchpoint.ledger.EvidenceEntry;

import dev.touchpoint.ledger.EntryKind;
import dev.touchpoint.ledger.ErasureReport;
import dev.touchpoint.ledger.EvidenceLedger;
import dev.touchpoint.ledger.ExportFormat;
import dev.touchpoint.ledger.LedgerPage;
import dev.touchpoint.ledger.LedgerQuery;
import dev.touchpoint.ledger.RetentionReport;
import dev.touchpoint.ledger.VerificationReport;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ledger as the application uses it: reads through {@link LedgerReader}, erasure and retention through the writer. */
public final class DefaultEvidenceLedger implements EvidenceLedger {

    private static final Logger log = LoggerFactory.getLogger(DefaultEvidenceLedger.class);
    private static final int MAX_RETENTION_ROUNDS = 1000;

    private final LedgerReader reader;
    private final LedgerWriter writer;
    private final LedgerProperties.Retention retention;
    private final Clock clock;

    public DefaultEvidenceLedger(LedgerReader reader, LedgerWriter writer, LedgerProperties.Retention retention, Clock clock) {
        this.reader = reader;
        this.writer = writer;
        this.retention = retention;
        this.clock = clock;
    }

    public LedgerReader reader() {
        return reader;
    }

    @Override
    public LedgerPage query(LedgerQuery query) {
        return reader.query(query);
    }

    @Override
    public long export(LedgerQuery query, ExportFormat format, OutputStream out) throws IOException {
        return reader.export(query, format, out);
    }

    @Override
    public List<EvidenceEntry> entriesOf(String customerId) {
        return reader.allOf(customerId);
    }

    @Override
    public List<JourneyInstance> journeyInstancesOf(String customerId) {
        return reader.store().journeyInstances(customerId);
    }

    @Override
    public VerificationReport verify() {
        return reader.verify(null);
    }

    @Override
    public VerificationReport verifyChain(String chainId) {
        return reader.verify(chainId);
    }

    /** Attribute prefix of the ERASED entry's counts of what was erased elsewhere. */
    static final String ERASED_PREFIX = "erased.";

    @Override
    public ErasureReport eraseCustomer(String customerId, String requestedBy) {
        return erase(customerId, requestedBy, false, "ledger");
    }

    /** Records the erasure after the customer context erased the customer (event {@code CustomerErased}). */
    ErasureReport erase(String customerId, String requestedBy, boolean contextErased, String via) {
        return erase(customerId, requestedBy, contextErased, via, Map.of());
    }

    /** As above, with what was erased elsewhere (recorded in the ERASED entry as {@code erased.<place>}). */
    ErasureReport erase(String customerId, String requestedBy, boolean contextErased, String via, Map<String, Long> erasedElsewhere) {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customerId is missing");
        }
        Instant now = clock.instant();
        String chain = Chains.of(customerId, EntryKind.ERASED);
        Optional<LedgerRow> last = reader.store().lastEntry(chain);
        if (last.isPresent() && EntryKind.ERASED.name().equals(last.get().kind()) && reader.store().keysOf(List.of(chain)).isEmpty()) {
            // already erased and nothing recorded since (e.g. the context's CustomerErased event got here first)
            Map<String, String> done = reader.read(last.get()).attributes();
            Map<String, Long> elsewhere = new TreeMap<>();
            done.forEach((name, value) -> {
                if (name.startsWith(ERASED_PREFIX)) {
                    elsewhere.put(name.substring(ERASED_PREFIX.length()), Long.parseLong(value));
                }
            });
            return new ErasureReport(customerId, contextErased || "true".equals(done.get("contextErased")),
                    Integer.parseInt(done.getOrDefault(ChainAppender.KEYS_DESTROYED, "0")),
                    Long.parseLong(done.getOrDefault(ChainAppender.SEALED_ENTRIES, "0")), last.get().seq(), last.get().occurredAt(),
                    elsewhere);
        }
        EntryDraft.Builder builder = EntryDraft.builder(EntryKind.ERASED, now).customer(customerId)
                .outcome("PERSONAL_DATA_ERASED")
                .attribute("requestedBy", requestedBy)
                .attribute("via", via)
                .attribute("contextErased", contextErased);
        erasedElsewhere.forEach((place, count) -> builder.attribute(ERASED_PREFIX + place, count));
        EntryDraft draft = builder.build();
        Appended appended = writer.appendAndWait(List.of(draft)).getFirst();
        int keys = Integer.parseInt(appended.attributes().getOrDefault(ChainAppender.KEYS_DESTROYED, "0"));
        long sealed = Long.parseLong(appended.attributes().getOrDefault(ChainAppender.SEALED_ENTRIES, "0"));
        log.info("Ledger: personal data of customer {} erased ({} key(s) destroyed, {} entr{} sealed; requested by {} via {})",
                customerId, keys, sealed, sealed == 1 ? "y" : "ies", requestedBy, via);
        return new ErasureReport(customerId, contextErased, keys, sealed, appended.seq(), now, erasedElsewhere);
    }

    @Override
    public RetentionReport applyRetention(String requestedBy) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<EntryKind, Instant> cutoffs = new EnumMap<>(EntryKind.class);
        retention.keep().forEach((kind, keep) -> cutoffs.put(kind, now.minus(keep)));
        Map<EntryKind, Long> pruned = new EnumMap<>(EntryKind.class);
        cutoffs.keySet().forEach(kind -> pruned.put(kind, 0L));
        if (cutoffs.isEmpty()) {
            return new RetentionReport(cutoffs, pruned, 0, now);
        }
        long lastSeq = 0;
        for (int round = 0; round < MAX_RETENTION_ROUNDS; round++) {
            EntryDraft.Builder builder = EntryDraft.builder(EntryKind.RETENTION_APPLIED, now)
                    .outcome("APPLIED")
                    .attribute("requestedBy", requestedBy)
                    .attribute(ChainAppender.PRUNE_LIMIT, retention.batchLimit());
            cutoffs.forEach((kind, cutoff) -> builder.attribute(ChainAppender.CUTOFF_PREFIX + kind.name(), cutoff.toString()));
            Appended appended = writer.appendAndWait(List.of(builder.build())).getFirst();
            lastSeq = appended.seq();
            boolean more = false;
            for (EntryKind kind : cutoffs.keySet()) {
                long n = Long.parseLong(appended.attributes().getOrDefault(ChainAppender.PRUNED_PREFIX + kind.name(), "0"));
                pruned.merge(kind, n, Long::sum);
                more |= n >= retention.batchLimit();
            }
            if (!more) {
                break;
            }
        }
        RetentionReport report = new RetentionReport(cutoffs, pruned, lastSeq, now);
        log.info("Ledger retention ({}): pruned {} entr{} {}", requestedBy, report.total(), report.total() == 1 ? "y" : "ies", pruned);
        return report;
    }
}

