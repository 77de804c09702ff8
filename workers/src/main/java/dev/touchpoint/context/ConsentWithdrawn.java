package dev.touchpoint.context;

import java.time.Instant;

/** Published after a consent was withdrawn and persisted (the STOP is on disk). Carries ids only, no personal data. */
public record ConsentWithdrawn(String customerId, ContactChannel channel, Purpose purpose, ConsentSource source, String proof, Instant at) {
}
