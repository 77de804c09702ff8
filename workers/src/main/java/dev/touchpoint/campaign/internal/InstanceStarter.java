package dev.touchpoint.campaign.internal;

import java.util.Map;
import java.util.Optional;

/** Creates journey instances and, where the engine's records are readable, finds one created earlier. */
public interface InstanceStarter {

    /** @return the process instance key */
    long start(String processId, Map<String, Object> variables);

    /**
     * The instance of {@code processId} created for this campaign and customer, if the engine has one. Empty when it
     * has none; {@code null} (not an Optional) is never returned; throws {@link UnsupportedOperationException} when the
     * engine's records cannot be read (a remote cluster without an exporter).
     */
    Optional<Long> find(String processId, String campaignId, String customerId);

    /**
     * Instances this campaign started (its {@code campaignId} variable) that have ended, completed or cancelled, in
     * this engine; empty when unknown.
     */
    Optional<Long> countCompleted(String campaignId);

    /** The engine refused for now (backpressure): try the same customer again later. */
    final class EngineBusy extends RuntimeException {
        public EngineBusy(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
