package dev.touchpoint.context;

import java.time.Instant;
import java.util.Objects;

/** The customer checked in at a store and has not checked out (it lapses after the configured presence TTL). */
public record StorePresence(String storeId, Instant since) {

    public StorePresence {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(since, "since");
    }
}
