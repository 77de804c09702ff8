package dev.touchpoint.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Counts over the evidence ledger for dashboards (the web console, ADR-0024): what the touchpoint tasks of a journey
 * did, what a campaign's journeys sent over time, how many touchpoints each channel sent recently. Read-only, cluster
 * wide (every instance writes the same ledger), from the same evidence the compliance guide documents; pruned entries
 * are not counted.
 */
public interface LedgerStatistics {

    /**
     * The touchpoint evidence of a journey, per BPMN element.
     *
     * @param processId the journey's BPMN process id
     * @param version   one deployed version, or null for all (in the embedded default every start deploys version 1
     *                  again, so a version number counts every incarnation's instances)
     */
    List<Tally> touchpointsByElement(String processId, Integer version);

    /** The touchpoint evidence of a campaign's journeys (its instances in the ledger's journey index), in total. */
    List<Tally> campaignTouchpoints(String campaignId);

    /** The touchpoint evidence of a campaign's journeys from {@code from} on, per time bucket. */
    List<Bucket> campaignTouchpointSeries(String campaignId, Instant from, Duration bucket);

    /** Delivery attempts the providers accepted ({@link Outcome#SENT}) from {@code from} on, per bucket and channel. */
    List<Bucket> sentPerChannel(Instant from, Duration bucket);

    /**
     * What the evidence says happened to touchpoints: a decision (SUPPRESSED, DEFERRED, DECIDED to send) or the outcome
     * of a delivery attempt (STARTED, SENT, UNCONFIRMED, UNDELIVERABLE, RETRY_SCHEDULED).
     */
    enum Outcome {
        DECIDED, SUPPRESSED, DEFERRED, STARTED, SENT, UNCONFIRMED, UNDELIVERABLE, RETRY_SCHEDULED, OTHER;

        /** The outcome of a DECISION (by its decision) or DELIVERY_ATTEMPT (by its outcome) entry. */
        public static Outcome of(String kind, String decision, String outcome) {
            if (EntryKind.DECISION.name().equals(kind)) {
                return switch (decision == null ? "" : decision.toUpperCase(Locale.ROOT)) {
                    case "SUPPRESS" -> SUPPRESSED;
                    case "DEFER" -> DEFERRED;
                    case "SEND" -> DECIDED;
                    default -> OTHER;
                };
            }
            try {
                return outcome == null ? OTHER : valueOf(outcome.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                return OTHER;
            }
        }
    }

    /**
     * How many entries of one element (or campaign) had this outcome for this reason on this channel.
     *
     * @param elementId the BPMN element (null in campaign totals)
     * @param channel   EMAIL, SMS, PUSH, KIOSK, or null when none was chosen
     * @param outcome   what happened
     * @param reason    the suppression, deferral or failure reason, or null
     * @param count     how many entries
     */
    record Tally(String elementId, String channel, Outcome outcome, String reason, long count) {
    }

    /**
     * A count in one time bucket.
     *
     * @param start  the bucket's start
     * @param series what is counted: an {@link Outcome} name, or a channel for {@link #sentPerChannel}
     * @param count  how many entries
     */
    record Bucket(Instant start, String series, long count) {
    }
}
