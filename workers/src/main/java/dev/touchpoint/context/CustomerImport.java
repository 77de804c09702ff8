package dev.touchpoint.context;

import java.io.Reader;

/**
 * Imports customers (profile and consents) from CSV or JSON Lines, streaming: each bad row reported with its line
 * number and field while the rest continue, each good row written whole. The context module's entry point for bulk
 * loads (the API, the sample customers, the simulator).
 */
public interface CustomerImport {

    /** Reads every row of {@code input}; {@code source} names the file or upload in the report and the log. */
    ImportReport importCustomers(Reader input, ImportFormat format, String source);
}
