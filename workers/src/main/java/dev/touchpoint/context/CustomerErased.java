package dev.touchpoint.context;

import java.time.Instant;

/** Published after a customer's personal data was removed from the context and its database (GDPR erasure). */
public record CustomerErased(String customerId, String requestedBy, Instant at) {
}
