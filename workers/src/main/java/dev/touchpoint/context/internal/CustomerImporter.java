package dev.touchpoint.context.internal;

import dev.touchpoint.csv.CsvRecords;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.context.ConsentTimestamps;
import dev.touchpoint.context.ConsentUpdate;
import dev.touchpoint.context.ContextUnavailableException;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerImport;
import dev.touchpoint.context.ImportFormat;
import dev.touchpoint.context.ImportReport;
import dev.touchpoint.context.ImportReport.Problem;
import dev.touchpoint.context.InvalidCustomerException;
import dev.touchpoint.context.UpsertOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports customers from CSV or JSON Lines, streaming. Every row is validated completely first; a bad row is reported
 * with its line number and field and the rest continue; a good row is written whole (profile, then consents; a new
 * profile is removed again if its consents cannot be written), so nothing is half-written.
 *
 * <p>Consent in a row is applied so that an export never overrides the customer's own newer choice: with a timestamp
 * ({@code consentAt} or per-consent {@code at}) the newer record wins; without one a withdrawal always applies and a
 * grant only fills in a consent that was never recorded.
 */
public class CustomerImporter implements CustomerImport {

    private static final Logger log = LoggerFactory.getLogger(CustomerImporter.class);

    private final CustomerContextStore store;
    private final Clock clock;
    private final ConsentTimestamps timestamps;
    private final ObjectMapper json = new ObjectMapper();

    public CustomerImporter(CustomerContextStore store, Clock clock, ConsentTimestamps timestamps) {
        this.store = store;
        this.clock = clock;
        this.timestamps = timestamps;
    }

    @Override
    public ImportReport importCustomers(Reader input, ImportFormat format, String source) {
        String name = source == null || source.isBlank() ? "import" : CustomerValidation.abbreviate(source.trim());
        Tally tally = new Tally(name);
        try {
            if (format == ImportFormat.CSV) {
                readCsv(input, tally);
            } else {
                readJsonLines(input, tally);
            }
        } catch (ContextUnavailableException e) {
            tally.aborted = e.getMessage();
        } catch (CsvRecords.MalformedCsvException e) {
            tally.rows++;
            tally.reject(e.line, "row", e.getMessage() + "; the rest of the file could not be read");
            tally.aborted = "malformed CSV at line " + e.line;
        }
        ImportReport report = tally.report();
        log.info("Import '{}': {} rows, {} accepted ({} created, {} updated, {} unchanged), {} rejected{}", name, report.rows(),
                report.accepted(), report.created(), report.updated(), report.unchanged(), report.rejected(),
                report.abortedBecause() == null ? "" : ", aborted: " + report.abortedBecause());
        return report;
    }

    private void readCsv(Reader input, Tally tally) {
        CsvRecords records = new CsvRecords(input);
        CsvRecords.CsvRecord header = records.next();
        if (header == null) {
            return;
        }
        List<String> columns = header.fields().stream().map(String::trim).toList();
        List<String> problems = CustomerRows.checkHeader(columns);
        if (!problems.isEmpty()) {
            problems.forEach(p -> tally.problem(tally.errors, header.line(), "header", p));
            tally.aborted = "the header is invalid: no row was imported";
            return;
        }
        for (CsvRecords.CsvRecord record = records.next(); record != null; record = records.next()) {
            tally.rows++;
            if (record.fields().size() > columns.size()) {
                tally.reject(record.line(), "row", "has " + record.fields().size() + " values but the header has " + columns.size() + " columns");
                continue;
            }
            importRow(record.line(), CustomerRows.fromCsv(columns, record.fields()), tally);
        }
    }

    private void readJsonLines(Reader input, Tally tally) {
        BufferedReader lines = input instanceof BufferedReader b ? b : new BufferedReader(input);
        int number = 0;
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                tally.rows++;
                JsonNode node;
                try {
                    node = json.readTree(line);
                } catch (JsonProcessingException e) {
                    tally.reject(number, "json", "malformed JSON at column " + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()));
                    continue;
                }
                importRow(number, node, tally);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void importRow(int line, JsonNode node, Tally tally) {
        CustomerRows.CustomerRow row;
        try {
            row = CustomerRows.map(node);
        } catch (InvalidCustomerException e) {
            List<Problem> rowProblems = new ArrayList<>();
            e.violations().forEach(v -> rowProblems.add(Problem.of(line, v.field(), v.reason())));
            tally.reject(rowProblems);
            return;
        }
        List<Problem> future = new ArrayList<>();
        for (CustomerRows.ConsentEntry entry : row.consents()) {
            timestamps.problem(entry.at()).ifPresent(reason -> {
                Problem problem = Problem.of(line, entry.atField(), reason);
                if (!future.contains(problem)) {
                    future.add(problem);
                }
            });
        }
        if (!future.isEmpty()) {
            tally.reject(future);
            return;
        }
        String id = row.profile().id();
        Integer firstLine = tally.seen.putIfAbsent(id, line);
        if (firstLine != null) {
            tally.reject(line, "id", "duplicate of line " + firstLine + " (the first occurrence was imported)");
            return;
        }
        java.util.Optional<dev.touchpoint.context.CustomerProfile> previous = store.findProfile(id);
        UpsertOutcome outcome;
        try {
            outcome = store.upsert(row.profile());
        } catch (InvalidCustomerException e) {
            tally.reject(line, "row", e.getMessage());
            return;
        }
        boolean consentChanged;
        try {
            consentChanged = applyConsents(line, row, tally);
        } catch (RuntimeException e) {
            undo(id, previous.orElse(null), outcome, tally.source, line);
            if (e instanceof ContextUnavailableException unavailable) {
                tally.reject(line, "consents", "not written: " + unavailable.getMessage());
                throw unavailable;
            }
            tally.reject(line, "consents", "not written: " + e.getMessage());
            return;
        }
        tally.accept(outcome == UpsertOutcome.UNCHANGED && consentChanged ? UpsertOutcome.UPDATED : outcome);
    }

    /** Puts the profile back as it was before the row, so that a row whose consents failed leaves no trace. */
    private void undo(String id, dev.touchpoint.context.CustomerProfile previous, UpsertOutcome outcome, String source, int line) {
        try {
            if (outcome == UpsertOutcome.CREATED) {
                store.erase(id, "import rollback of " + source + " line " + line);
            } else if (outcome == UpsertOutcome.UPDATED && previous != null) {
                store.upsert(previous);
            }
        } catch (RuntimeException e) {
            log.warn("Could not undo the profile of customer {} after its consents failed (import {}, line {})", id, source, line, e);
        }
    }

    /** Writes the row's consents in one atomic step; returns whether any changed. */
    private boolean applyConsents(int line, CustomerRows.CustomerRow row, Tally tally) {
        Instant now = clock.instant();
        List<ConsentChange> latestWins = new ArrayList<>();
        List<ConsentChange> ifAbsent = new ArrayList<>();
        List<CustomerRows.ConsentEntry> latestWinsEntries = new ArrayList<>();
        List<CustomerRows.ConsentEntry> ifAbsentEntries = new ArrayList<>();
        for (CustomerRows.ConsentEntry entry : row.consents()) {
            String proof = entry.proof() != null ? entry.proof() : tally.source + ":" + line;
            ConsentChange change = new ConsentChange(row.profile().id(), entry.channel(), entry.purpose(), entry.status(),
                    ConsentSource.IMPORT, proof, entry.at() != null ? entry.at() : now);
            if (entry.at() != null || entry.status() == ConsentStatus.WITHDRAWN) {
                latestWins.add(change);
                latestWinsEntries.add(entry);
            } else {
                ifAbsent.add(change);
                ifAbsentEntries.add(entry);
            }
        }
        List<CustomerRows.ConsentEntry> order = new ArrayList<>(latestWinsEntries);
        order.addAll(ifAbsentEntries);
        List<ConsentUpdate> updates = store.recordConsents(row.profile().id(), latestWins, ifAbsent);
        boolean changed = false;
        for (int i = 0; i < updates.size(); i++) {
            ConsentUpdate update = updates.get(i);
            CustomerRows.ConsentEntry entry = order.get(i);
            changed |= update.applied();
            if (update.outcome() == ConsentUpdate.Outcome.REFUSED) {
                String kept = update.inForce() == null ? "not granted"
                        : "kept " + update.inForce().status() + " from " + update.inForce().source() + " at " + update.inForce().at();
                tally.problem(tally.warnings, line, entry.field(), kept + ": " + update.detail());
            } else if (!update.applied() && update.inForce() != null && update.inForce().status() != entry.status()) {
                tally.problem(tally.warnings, line, entry.field(), "kept " + update.inForce().status() + " from "
                        + update.inForce().source() + " at " + update.inForce().at()
                        + (entry.at() == null ? " (the row has no consent timestamp, so it does not override a recorded consent)"
                        : " (it is newer than the row)"));
            }
        }
        return changed;
    }

    private static final class Tally {
        final String source;
        final Map<String, Integer> seen = new HashMap<>();
        final List<Problem> errors = new ArrayList<>();
        final List<Problem> warnings = new ArrayList<>();
        int rows;
        int rejected;
        int created;
        int updated;
        int unchanged;
        String aborted;

        Tally(String source) {
            this.source = source;
        }

        void reject(int line, String field, String reason) {
            reject(List.of(Problem.of(line, field, reason)));
        }

        void reject(List<Problem> problems) {
            rejected++;
            problems.forEach(p -> problem(errors, p));
        }

        void problem(List<Problem> list, int line, String field, String reason) {
            problem(list, Problem.of(line, field, reason));
        }

        void problem(List<Problem> list, Problem problem) {
            if (list.size() < ImportReport.MAX_LISTED) {
                list.add(problem);
            }
        }

        void accept(UpsertOutcome outcome) {
            switch (outcome) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
        }

        ImportReport report() {
            return new ImportReport(source, rows, created + updated + unchanged, rejected, created, updated, unchanged,
                    errors, warnings, aborted);
        }
    }
}
