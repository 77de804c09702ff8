package dev.touchpoint.context;

import java.util.Locale;
import java.util.Optional;

/** Customer import file formats; field names are the same in both (see docs/operator-guide.md). */
public enum ImportFormat {
    /** RFC 4180 CSV with a header row; {@code consent.<channel>.<purpose>} and {@code attr.<name>} columns. */
    CSV("text/csv"),
    /** One JSON object per line (JSON Lines / NDJSON). */
    JSONL("application/x-ndjson");

    private final String mediaType;

    ImportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format of a file name ({@code .csv}, {@code .jsonl}, {@code .ndjson}). */
    public static Optional<ImportFormat> ofFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return Optional.of(JSONL);
        }
        return Optional.empty();
    }
}
