package dev.touchpoint.context;

import java.time.Instant;

/** Published after a consent was granted and persisted. Carries ids only, no personal data. */
public record ConsentGranted(String customerId, ContactChannel channel, Purpose purpose, ConsentSource source, String proof, Instant at) {
}
