package dev.touchpoint.ledger;

import java.util.Locale;

/** What a ledger entry records. Stored by name: never rename a constant, only add. */
public enum EntryKind {
    /** A worker's decision for one touchpoint: {@code decision} SEND, SUPPRESS (with reason) or DEFER (with until). */
    DECISION,
    /** One attempt to hand a touchpoint to a provider and its outcome (SENT, UNCONFIRMED, UNDELIVERABLE, RETRY_SCHEDULED). */
    DELIVERY_ATTEMPT,
    /** A status a provider reported later (DELIVERED, BOUNCED, FAILED, OPENED, CLICKED, kiosk screen events, ...). */
    PROVIDER_STATUS,
    /** A consent granted or withdrawn, with its source and proof. */
    CONSENT_CHANGE,
    /** A journey instance started for the customer. */
    JOURNEY_STARTED,
    /** A journey instance ended (COMPLETED or TERMINATED). */
    JOURNEY_ENDED,
    /** A BPMN element of a journey was ACTIVATED, COMPLETED or TERMINATED. */
    JOURNEY_STEP,
    /** A message was correlated to a waiting journey. */
    MESSAGE_CORRELATED,
    /** A journey timer fired. */
    TIMER_TRIGGERED,
    /** An incident was raised in a journey (CREATED) or resolved (RESOLVED). */
    INCIDENT,
    /** The retention job pruned expired entries (chain {@code ~system}). */
    RETENTION_APPLIED,
    /** The customer's personal data was erased: their ledger key was destroyed. */
    ERASED,
    /** A survey was answered: survey, metric, score, the touchpoint that asked and the channel (never the comment). */
    SURVEY_ANSWERED;

    /** Parses a kind case-insensitively. */
    public static EntryKind parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("entry kind is missing");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown entry kind '" + value + "' (known: " + java.util.Arrays.toString(values()) + ")");
        }
    }
}
