package dev.touchpoint.context;

import java.util.List;

/**
 * What a customer import did. Each row is validated completely before anything is written and then written whole
 * (profile and consents) or not at all; a bad row is reported with its line number and the rest continue.
 *
 * @param source          the name the import was given (file name), used in consent proofs
 * @param rows            data rows read (header and blank lines excluded)
 * @param accepted        rows written (created + updated + unchanged)
 * @param rejected        rows not written
 * @param created         new customers
 * @param updated         changed customers
 * @param unchanged       rows identical to what was stored
 * @param errors          one entry per problem, in line order (capped at {@link #MAX_LISTED}; counts are not capped)
 * @param warnings        notes on accepted rows, e.g. a consent kept because the customer's own newer choice wins
 * @param abortedBecause  null when the whole input was read; else why the import stopped (the context became
 *                        unavailable); rows after that point were not read
 */
public record ImportReport(
        String source,
        int rows,
        int accepted,
        int rejected,
        int created,
        int updated,
        int unchanged,
        List<Problem> errors,
        List<Problem> warnings,
        String abortedBecause) {

    public static final int MAX_LISTED = 1000;

    public ImportReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /**
     * One problem of one line.
     *
     * @param line    1-based line number in the input (for CSV the line where the record starts)
     * @param field   the field or column, or {@code row} / {@code json} / {@code header}
     * @param reason  what is wrong
     * @param message {@code line N: field: reason}
     */
    public record Problem(int line, String field, String reason, String message) {

        public static Problem of(int line, String field, String reason) {
            return new Problem(line, field, reason, "line " + line + ": " + field + ": " + reason);
        }
    }
}
