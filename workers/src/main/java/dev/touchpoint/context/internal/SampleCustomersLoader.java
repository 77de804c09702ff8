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
 * Loads the sample customers at the first start of the embedded default: only when enabled, when the file exists and
 * when the database holds no customer yet (so an erased or edited sample is never brought back).
 */
final class SampleCustomersLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SampleCustomersLoader.class);

    private final ContextProperties.Samples samples;
    private final CustomerDirectory directory;
    private final CustomerImporter importer;

    SampleCustomersLoader(ContextProperties.Samples samples, CustomerDirectory directory, CustomerImporter importer) {
        this.samples = samples;
        this.directory = directory;
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
        if (directory.countProfiles() > 0) {
            return;
        }
        ImportFormat format = ImportFormat.ofFileName(file.getFileName().toString()).orElse(ImportFormat.JSONL);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ImportReport report = importer.importCustomers(reader, format, "samples/" + file.getFileName());
            log.info("Loaded {} sample customers from {} ({} rejected)", report.accepted(), file, report.rejected());
            report.errors().forEach(problem -> log.warn("Sample customers: {}", problem.message()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
