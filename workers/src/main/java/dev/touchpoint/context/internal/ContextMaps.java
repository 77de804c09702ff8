package dev.touchpoint.context.internal;

/** Names of the Hazelcast structures of the customer context: one place, never string literals elsewhere. */
public final class ContextMaps {

    /** Customer id to {@link dev.touchpoint.context.CustomerProfile}: read-mostly, near-cached, persisted write-through. */
    public static final String PROFILES = "touchpoint.customer.profile";

    /**
     * Customer id to {@link ContextState}: consent, touchpoint ledger, offers, presence. The decision map: every
     * decision is an entry processor on it; consent is persisted write-through; split-brain protected.
     */
    public static final String CONTEXTS = "touchpoint.customer.context";

    /** The split-brain protection rule attached to {@link #CONTEXTS}. */
    public static final String DECISION_SPLIT_BRAIN_PROTECTION = "touchpoint.context.decisions";

    private ContextMaps() {
    }
}
