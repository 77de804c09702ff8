package dev.touchpoint.context;

import dev.touchpoint.channel.Channel;

import java.time.Instant;

/**
 * Published after a consent was granted and persisted (and again, with the same content, when the same change is
 * retried: the ledger records it once by {@link #evidenceKey()}). Carries ids only, no personal data, but the proof.
 */
public record ConsentGranted(String customerId, Channel channel, Purpose purpose, ConsentSource source, String proof, Instant at) {

    /** The evidence key of this change ({@link ConsentEvidence}). */
    public String evidenceKey() {
        return ConsentEvidence.key(customerId, channel, purpose, ConsentStatus.GRANTED, source, at, proof);
    }
}
