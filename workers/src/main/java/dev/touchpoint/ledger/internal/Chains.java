package dev.touchpoint.ledger.internal;

import dev.touchpoint.ledger.EntryKind;

/** Names of the hash chains. A customer's entries form the chain named by the customer id. */
public final class Chains {

    /** Retention runs and anything without a better home. */
    public static final String SYSTEM = "~system";
    /** Journey steps of instances without a customer id variable. */
    public static final String JOURNEYS = "~journeys";
    /** Provider statuses that could not be matched to a customer when they arrived. */
    public static final String PROVIDER = "~provider";

    /** The hash of the entry before the first one of every chain. */
    public static final String GENESIS = "0".repeat(64);

    private Chains() {
    }

    /** The chain an entry belongs to. Customer ids never start with '~' (the context refuses them); if one does, it is kept apart. */
    public static String of(String customerId, EntryKind kind) {
        if (customerId != null && !customerId.isBlank()) {
            return customerId.startsWith("~") ? "~customer:" + customerId : customerId;
        }
        return switch (kind) {
            case JOURNEY_STARTED, JOURNEY_ENDED, JOURNEY_STEP, MESSAGE_CORRELATED, TIMER_TRIGGERED, INCIDENT -> JOURNEYS;
            case PROVIDER_STATUS -> PROVIDER;
            default -> SYSTEM;
        };
    }
}
