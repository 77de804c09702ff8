package dev.touchpoint.context;

/** What an upsert did. */
public enum UpsertOutcome {
    CREATED,
    UPDATED,
    UNCHANGED
}
