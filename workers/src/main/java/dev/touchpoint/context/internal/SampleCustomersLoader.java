package dev.touchpoint.context.internal;

import dev.touchpoint.context.ImportFormat;
import dev.touchpoint.context.ImportReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the sample customers at the first start of the embedded default, completely or again: the set-up step
 * {@value #STEP} is recorded in the database only after the whole file was imported, so a first start that is stopped
 * half-way imports the rest at the next start (rows already there are unchanged, the import is idempotent). Once the
 * step is recorded the samples are never loaded again, so an erased or edited sample customer never comes back.
 */
final class SampleCustomersLoader implements ApplicationRunner {

    static final String STEP = "sample-customers";

    private static final Logger log = LoggerFactory.getLogger(SampleCustomersLoader.class);

    private final ContextProperties.Samples samples;
    private final JdbcCustomerRepository repository;
    private final CustomerImporter importer;

    SampleCustomersLoader(ContextProperties.Samples samples, JdbcCustomerRepository repository, CustomerImporter importer) {
        this.samples = samples;
        this.repository = repository;
        this.importer = importer;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!samples.enabled() || samples.location() == null || samples.location().isBlank()) {
            return;
        }
        Path file = Path.of(samples.location());
        if (!Files.isRegularFile(file)) {
            log.debug("No sample customers at {}", file);
            return;
        }
        if (repository.setupFinished(STEP)) {
            return;
        }
        boolean resuming = repository.countProfiles() > 0;
        ImportFormat format = ImportFormat.ofFileName(file.getFileName().toString()).orElse(ImportFormat.JSONL);
        ImportReport report;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            report = importer.importCustomers(reader, format, "samples/" + file.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        report.errors().forEach(problem -> log.warn("Sample customers: {}", problem.message()));
        if (report.abortedBecause() != null) {
            // not recorded as finished: the next start imports the rest
            log.warn("Sample customers: the import stopped ({}); {} of {} rows in, the rest follow at the next start",
                    report.abortedBecause(), report.accepted(), report.rows());
            return;
        }
        repository.finishSetup(STEP);
        log.info("{} {} sample customers from {} ({} created, {} already there, {} rejected)",
                resuming ? "Completed the" : "Loaded", report.accepted(), file, report.created(),
                report.unchanged() + report.updated(), report.rejected());
    }
}
