package dev.touchpoint.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What other modules (the console, the API) may do with campaigns: define, fill, dry-run, launch and steer them. The
 * campaign module's one entry point; its implementation, storage and launcher stay in {@code internal} (checked by
 * {@code ModularityTest}).
 */
public interface Campaigns {

    /**
     * Stores a new DRAFT campaign and returns its id.
     *
     * @throws IllegalArgumentException naming the field when the definition is invalid
     */
    String define(CampaignDefinition definition, String createdBy);

    /**
     * Streams an audience file into the campaign: CSV (first column {@code customerId}, or a header naming a
     * {@code customerId} / {@code customer_id} / {@code id} column; RFC 4180 quoting) or JSONL
     * ({@code {"customerId": ...}} per line), read record by record and written in batches.
     *
     * @throws NoSuchCampaignException when there is no such campaign
     */
    UploadReport upload(String campaignId, InputStream body, boolean jsonLines) throws IOException;

    /** Counts what a launch would do now; sends and starts nothing. */
    DryRunReport dryRun(String campaignId);

    /** Launches a DRAFT campaign as its definition says. */
    void launch(String id);

    /**
     * Launches a DRAFT campaign now ({@code startAt} null or not in the future) or at {@code startAt}, starting at most
     * {@code throttle} journeys per second (both replace what the definition said).
     *
     * @throws IllegalArgumentException naming the field when the start or throttle is invalid
     * @throws IllegalStateException when the campaign is not DRAFT
     */
    void launch(String id, Instant startAt, double throttle);

    /** When the campaign first reached a customer (started, suppressed or failed), if it did. */
    Optional<Instant> firstStart(String id);

    /** The customers the campaign reached from {@code from} on, per {@code bucket} and start state. */
    List<StartBucket> startSeries(String id, Instant from, Duration bucket);

    void pause(String id);

    void resume(String id);

    /** Cancels the campaign: nobody more is started, and the journeys it started are stopped (ADR-0018). */
    void cancel(String id);

    Optional<CampaignView> view(String id);

    List<CampaignView> all();

    /**
     * What an upload did: customers {@code added}, {@code duplicates} (already in the audience), the first
     * {@code invalid} lines ("line N": no valid customer id there), and {@code abortedBecause} when the file stopped
     * being readable (malformed CSV quoting, naming the line): the customers of the lines before it were added.
     */
    record UploadReport(long added, long duplicates, List<String> invalid, String abortedBecause) {}

    /** What became of one customer of the audience. */
    enum StartState { PENDING, STARTED, SUPPRESSED, FAILED }

    /** How many customers reached {@code state} in the bucket beginning at {@code start}. */
    record StartBucket(Instant start, StartState state, long count) {}

    /** No campaign with that id. */
    final class NoSuchCampaignException extends RuntimeException {
        public NoSuchCampaignException(String id) {
            super("no campaign " + id);
        }
    }
}
