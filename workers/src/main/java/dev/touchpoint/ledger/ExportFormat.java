package dev.touchpoint.ledger;

import java.util.Locale;

/** Formats of a ledger export. */
public enum ExportFormat {
    /** RFC 4180 CSV with a header row; personal fields as one JSON column. */
    CSV("text/csv", "csv"),
    /** JSON Lines: one entry per line, as {@link EvidenceEntry}. */
    JSONL("application/x-ndjson", "jsonl");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    public static ExportFormat parse(String value) {
        if (value == null || value.isBlank()) {
            return JSONL;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "jsonl", "ndjson", "json-lines" -> JSONL;
            default -> throw new IllegalArgumentException("unknown export format '" + value + "' (csv or jsonl)");
        };
    }
}
