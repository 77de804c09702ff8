package dev.touchpoint.campaign.internal;

import dev.touchpoint.campaign.Campaigns.StartBucket;
import dev.touchpoint.campaign.Campaigns.StartState;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.campaign.AudienceFilter;
import dev.touchpoint.campaign.CampaignDefinition;
import dev.touchpoint.campaign.CampaignState;
import dev.touchpoint.campaign.CampaignView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The campaign tables of Flyway V10. Audiences are read page by page, never whole. An uploaded audience is launched
 * in upload order ({@code position}), each page taking only customers without a {@code campaign_start} row yet
 * ({@link #unreached}), so a customer added while the campaign is paused is reached whatever their id. The filter
 * audience pages over {@code customer_profile} (the context's table, read-only) in customer-id order
 * ({@link #profilesAfter}); there the launcher's cursor is the largest customer id it has recorded.
 */
public class CampaignRepository {

    /** The state of one customer in a campaign. */
    public record Campaign(String id, CampaignDefinition definition, boolean uploaded, CampaignState state, String stateReason,
                           Instant createdAt, Instant updatedAt) {}

    public record PendingStart(String customerId, Instant createdAt) {}

    /** A customer of an uploaded audience and where the upload put them. */
    public record AudienceEntry(long position, String customerId) {}

    /** What cancelling a campaign did to a journey it had started (column {@code journey_stopped}). */
    public enum JourneyStop { CANCELLED, ENDED, FAILED }

    /** A STARTED row whose journey a cancel has not dealt with yet. */
    public record StartedJourney(String customerId, long processInstanceKey) {}

    /** A PENDING start row and the lease epoch it was claimed under (null: claimed before epochs existed). */
    public record Pending(String customerId, Long leaseEpoch) {}

    /**
     * What a launcher's writes are conditional on: the lease row still names {@code holder} with {@code epoch} and
     * has not expired at {@code now} (the launcher's clock).
     */
    public record Fence(String holder, long epoch, Instant now) {}

    /**
     * The lease held: its {@code epoch}, whether it was {@code taken} now (rather than renewed), and whether it was
     * taken from a released lease (or this holder's own) rather than from another holder's expired one.
     */
    public record LeaseGrant(long epoch, boolean taken, boolean afterRelease) {}

    /** A write was refused because the lease is no longer the writer's: another launcher has taken over. */
    public static final class LeaseLost extends RuntimeException {
        public LeaseLost(String message) {
            super(message);
        }
    }

    static final String LEASE = "campaign-launcher";
    /** The holder of a released lease. */
    static final String FREE = "-";
    private static final String FENCE = "EXISTS (SELECT 1 FROM campaign_launcher_lease l WHERE l.lease_name = '" + LEASE + "'"
            + " AND l.holder = ? AND l.epoch = ? AND l.expires_at > ?)";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public CampaignRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(String id, CampaignDefinition definition, String createdBy, Instant now) {
        jdbc.update("INSERT INTO campaign (campaign_id, name, process_id, audience_kind, audience_filter, variables, sms_template,"
                        + " start_at, end_at, throttle_per_second, state, created_by, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, definition.name(), definition.processId(), definition.filter() == null ? "UPLOAD" : "FILTER",
                definition.filter() == null ? null : write(definition.filter()), write(definition.variables()),
                definition.smsTemplate(), ts(definition.startAt()), ts(definition.endAt()), definition.throttle(),
                CampaignState.DRAFT.name(), createdBy, ts(now), ts(now));
    }

    public Optional<Campaign> find(String id) {
        return jdbc.query("SELECT * FROM campaign WHERE campaign_id = ?", this::campaign, id).stream().findFirst();
    }

    public List<Campaign> all() {
        return jdbc.query("SELECT * FROM campaign ORDER BY created_at DESC", this::campaign);
    }

    public List<Campaign> inState(CampaignState state) {
        return jdbc.query("SELECT * FROM campaign WHERE state = ? ORDER BY created_at", this::campaign, state.name());
    }

    /** Moves the campaign from one of {@code from} to {@code to}; false when it was in none of them. */
    public boolean transition(String id, List<CampaignState> from, CampaignState to, String reason, Instant now) {
        String placeholders = String.join(",", from.stream().map(s -> "?").toList());
        List<Object> args = new ArrayList<>(List.of(to.name(), reason == null ? "" : reason, ts(now), id));
        from.forEach(s -> args.add(s.name()));
        return jdbc.update("UPDATE campaign SET state = ?, state_reason = NULLIF(?, ''), updated_at = ? WHERE campaign_id = ? AND state IN ("
                + placeholders + ")", args.toArray()) == 1;
    }

    /**
     * Launches a DRAFT campaign with the start time and throttle chosen at launch (null start: at once), in one step:
     * false when it is no longer DRAFT.
     */
    public boolean launch(String id, Instant startAt, double throttle, Instant now) {
        return jdbc.update("UPDATE campaign SET start_at = ?, throttle_per_second = ?, state = ?, state_reason = ?, updated_at = ?"
                + " WHERE campaign_id = ? AND state = ?", ts(startAt), throttle, CampaignState.RUNNING.name(),
                startAt == null ? "launched" : "launched, starts at " + startAt, ts(now), id, CampaignState.DRAFT.name()) == 1;
    }


    /** When the campaign first reached a customer, if it did. */
    public Optional<Instant> firstStart(String campaignId) {
        return Optional.ofNullable(instant(jdbc.queryForObject("SELECT MIN(created_at) FROM campaign_start WHERE campaign_id = ?",
                java.sql.Timestamp.class, campaignId)));
    }

    /**
     * The customers the campaign reached from {@code from} on, per bucket of {@code seconds} (by when their start row
     * was claimed) and state. Portable SQL: {@code FLOOR(EXTRACT(EPOCH FROM ...))} means the same on H2 and PostgreSQL.
     */
    public List<StartBucket> startSeries(String campaignId, Instant from, long seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("seconds must be at least 1");
        }
        String bucket = "FLOOR(EXTRACT(EPOCH FROM created_at) / " + seconds + ")";
        return jdbc.query("SELECT " + bucket + " AS b, state, COUNT(*) AS n FROM campaign_start WHERE campaign_id = ? AND created_at >= ?"
                        + " GROUP BY " + bucket + ", state",
                (rs, i) -> new StartBucket(Instant.ofEpochSecond(((Number) rs.getObject("b")).longValue() * seconds),
                        StartState.valueOf(rs.getString("state")), rs.getLong("n")), campaignId, ts(from));
    }

    /**
     * Adds uploaded customers in one batch, after every customer uploaded before; returns how many were new
     * (duplicates within the campaign are skipped). Each row is written only while the campaign is DRAFT or PAUSED,
     * so nothing lands in an audience the launcher may already have finished.
     *
     * @throws IllegalStateException when the campaign was launched or resumed meanwhile
     */
    public int addAudience(String campaignId, List<String> customerIds) {
        Long max = jdbc.queryForObject("SELECT MAX(position) FROM campaign_audience WHERE campaign_id = ?", Long.class, campaignId);
        long position = max == null ? 0 : max;
        int added = 0;
        for (String customerId : customerIds) {
            Integer exists = jdbc.queryForObject("SELECT COUNT(*) FROM campaign_audience WHERE campaign_id = ? AND customer_id = ?",
                    Integer.class, campaignId, customerId);
            if (exists != null && exists == 0) {
                int inserted = jdbc.update("INSERT INTO campaign_audience (campaign_id, position, customer_id)"
                                + " SELECT campaign_id, ?, ? FROM campaign WHERE campaign_id = ? AND state IN ('DRAFT', 'PAUSED')",
                        ++position, customerId, campaignId);
                if (inserted == 0) {
                    throw new IllegalStateException("campaign " + campaignId + " was launched or resumed during the upload: "
                            + "the customers before this point were added, the rest were not");
                }
                added++;
            }
        }
        return added;
    }

    /**
     * The next customers of an uploaded audience after {@code afterPosition} (0 = from the start) in upload order,
     * leaving out everyone the campaign has a start row for already.
     */
    public List<AudienceEntry> unreached(String campaignId, long afterPosition, int limit) {
        return jdbc.query("SELECT a.position, a.customer_id FROM campaign_audience a WHERE a.campaign_id = ? AND a.position > ?"
                        + " AND NOT EXISTS (SELECT 1 FROM campaign_start s WHERE s.campaign_id = a.campaign_id AND s.customer_id = a.customer_id)"
                        + " ORDER BY a.position FETCH FIRST " + limit + " ROWS ONLY",
                (rs, i) -> new AudienceEntry(rs.getLong(1), rs.getString(2)), campaignId, afterPosition);
    }

    /** How many customers of an uploaded audience have no start row yet. */
    public long unreachedCount(String campaignId) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM campaign_audience a WHERE a.campaign_id = ?"
                + " AND NOT EXISTS (SELECT 1 FROM campaign_start s WHERE s.campaign_id = a.campaign_id AND s.customer_id = a.customer_id)",
                Long.class, campaignId);
        return count == null ? 0 : count;
    }

    /** The customer ids of {@code customer_profile} after {@code afterCustomerId} (null = from the start), in id order. */
    public List<String> profilesAfter(String afterCustomerId, int limit) {
        return jdbc.queryForList("SELECT customer_id FROM customer_profile WHERE customer_id > ?"
                + " ORDER BY customer_id FETCH FIRST " + limit + " ROWS ONLY", String.class, afterCustomerId == null ? "" : afterCustomerId);
    }

    /**
     * Streams every customer id of the audience to {@code each}, page by page: an upload in upload order, a filter
     * audience's candidates (every profile; the caller applies the filter) in id order.
     */
    public void forEachInAudience(Campaign campaign, int pageSize, Consumer<String> each) {
        if (campaign.uploaded()) {
            long position = 0;
            while (true) {
                List<AudienceEntry> page = jdbc.query("SELECT position, customer_id FROM campaign_audience WHERE campaign_id = ?"
                                + " AND position > ? ORDER BY position FETCH FIRST " + pageSize + " ROWS ONLY",
                        (rs, i) -> new AudienceEntry(rs.getLong(1), rs.getString(2)), campaign.id(), position);
                page.forEach(entry -> each.accept(entry.customerId()));
                if (page.size() < pageSize) {
                    return;
                }
                position = page.getLast().position();
            }
        }
        String cursor = null;
        while (true) {
            List<String> page = profilesAfter(cursor, pageSize);
            page.forEach(each);
            if (page.size() < pageSize) {
                return;
            }
            cursor = page.getLast();
        }
    }

    /** Where a filter audience's launch resumes: the largest customer id the campaign has a start row for. */
    public Optional<String> cursor(String campaignId) {
        return Optional.ofNullable(jdbc.queryForObject("SELECT MAX(customer_id) FROM campaign_start WHERE campaign_id = ?",
                String.class, campaignId));
    }

    /** The instances campaigns started for the customer (for erasure). */
    public List<Long> instancesOf(String customerId) {
        return jdbc.queryForList("SELECT process_instance_key FROM campaign_start WHERE customer_id = ? AND process_instance_key IS NOT NULL",
                Long.class, customerId);
    }

    /** Removes the customer from every campaign's audience and start rows (erasure); returns the rows of each. */
    public int[] eraseCustomer(String customerId) {
        int audience = jdbc.update("DELETE FROM campaign_audience WHERE customer_id = ?", customerId);
        int starts = jdbc.update("DELETE FROM campaign_start WHERE customer_id = ?", customerId);
        return new int[]{audience, starts};
    }

    /**
     * Takes or renews the launcher lease until {@code until}. A holder that still has {@code heldEpoch} renews it
     * (nobody else held the lease since, whether or not it expired meanwhile); otherwise the lease is taken when it
     * was released, is this holder's, or expired, and its epoch grows by one. Compare-and-set on the epoch: two
     * launchers cannot both win. Empty when another launcher holds it.
     */
    public Optional<LeaseGrant> holdLauncherLease(String holder, long heldEpoch, Instant now, Instant until) {
        if (heldEpoch >= 0 && jdbc.update("UPDATE campaign_launcher_lease SET expires_at = ? WHERE lease_name = ? AND holder = ? AND epoch = ?",
                ts(until), LEASE, holder, heldEpoch) == 1) {
            return Optional.of(new LeaseGrant(heldEpoch, false, false));
        }
        Optional<Lease> lease = launcherLeaseRow();
        if (lease.isEmpty()) {
            return Optional.empty();
        }
        Lease current = lease.get();
        boolean afterRelease = current.holder().equals(FREE) || current.holder().equals(holder);
        if (!afterRelease && !current.expiresAt().isBefore(now)) {
            return Optional.empty();
        }
        int taken = jdbc.update("UPDATE campaign_launcher_lease SET holder = ?, expires_at = ?, epoch = epoch + 1"
                        + " WHERE lease_name = ? AND epoch = ? AND (holder = ? OR holder = ? OR expires_at < ?)",
                holder, ts(until), LEASE, current.epoch(), FREE, holder, ts(now));
        return taken == 1 ? Optional.of(new LeaseGrant(current.epoch() + 1, true, afterRelease)) : Optional.empty();
    }

    /** Gives the lease up (on a clean stop, nothing in flight), so a standby takes over at once and without grace. */
    public void releaseLauncherLease(String holder, long epoch, Instant now) {
        jdbc.update("UPDATE campaign_launcher_lease SET holder = ?, expires_at = ? WHERE lease_name = ? AND holder = ? AND epoch = ?",
                FREE, ts(now), LEASE, holder, epoch);
    }

    /** The lease row: holder ({@code -} when released), expiry and epoch. */
    public record Lease(String holder, Instant expiresAt, long epoch) {}

    public Optional<Lease> launcherLeaseRow() {
        return jdbc.query("SELECT holder, expires_at, epoch FROM campaign_launcher_lease WHERE lease_name = ?",
                (rs, i) -> new Lease(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getLong(3)), LEASE).stream().findFirst();
    }

    /** Who holds the launcher lease and until when. */
    public Optional<Map.Entry<String, Instant>> launcherLease() {
        return launcherLeaseRow().map(lease -> Map.entry(lease.holder(), lease.expiresAt()));
    }

    /** Whether the fence's lease is still live (the holder's and epoch, not expired at its time). */
    public boolean fenceHolds(Fence fence) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM campaign_launcher_lease l WHERE l.lease_name = '" + LEASE + "'"
                + " AND l.holder = ? AND l.epoch = ? AND l.expires_at > ?", Integer.class, fence.holder(), fence.epoch(), ts(fence.now()));
        return n != null && n == 1;
    }

    /** Zero rows written by a fenced statement: the lease is gone (LeaseLost) or the row simply did not qualify (false). */
    private boolean written(int rows, Fence fence, String what) {
        if (rows > 0) {
            return true;
        }
        if (!fenceHolds(fence)) {
            throw new LeaseLost(what + " refused: the launcher lease of epoch " + fence.epoch() + " is no longer " + fence.holder() + "'s");
        }
        return false;
    }

    /**
     * Claims the customer for this campaign under the fence's lease, recording its epoch; false when the campaign
     * already has a row for them.
     *
     * @throws LeaseLost when the lease is no longer the fence's: nothing was written
     */
    public boolean claim(Fence fence, String campaignId, String customerId, StartState state, String reason) {
        int rows;
        try {
            rows = jdbc.update("INSERT INTO campaign_start (campaign_id, customer_id, state, reason, lease_epoch, created_at, updated_at)"
                            + " SELECT CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(128)), CAST(? AS VARCHAR(16)), CAST(? AS VARCHAR(256)), l.epoch,"
                            + " CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE)"
                            + " FROM campaign_launcher_lease l WHERE l.lease_name = '" + LEASE + "' AND l.holder = ? AND l.epoch = ? AND l.expires_at > ?",
                    campaignId, customerId, state.name(), reason, ts(fence.now()), ts(fence.now()),
                    fence.holder(), fence.epoch(), ts(fence.now()));
        } catch (DuplicateKeyException e) {
            return false;
        }
        if (rows == 0) {
            throw new LeaseLost("claim of customer " + customerId + " refused: the launcher lease of epoch " + fence.epoch()
                    + " is no longer " + fence.holder() + "'s");
        }
        return true;
    }

    /**
     * Takes over a PENDING row of an earlier lease epoch before creating its instance again: stamps it with the
     * fence's epoch. False when the row is no longer PENDING.
     *
     * @throws LeaseLost when the lease is no longer the fence's
     */
    public boolean reclaim(Fence fence, String campaignId, String customerId) {
        return written(jdbc.update("UPDATE campaign_start SET lease_epoch = ?, updated_at = ? WHERE campaign_id = ? AND customer_id = ?"
                        + " AND state = 'PENDING' AND " + FENCE,
                fence.epoch(), ts(fence.now()), campaignId, customerId, fence.holder(), fence.epoch(), ts(fence.now())),
                fence, "reclaiming customer " + customerId);
    }

    /** Removes a PENDING claim whose create the engine refused (so it certainly did not start); fenced. */
    public void unclaim(Fence fence, String campaignId, String customerId) {
        written(jdbc.update("DELETE FROM campaign_start WHERE campaign_id = ? AND customer_id = ? AND state = 'PENDING' AND " + FENCE,
                campaignId, customerId, fence.holder(), fence.epoch(), ts(fence.now())), fence, "unclaim");
    }

    /**
     * Records the instance a create returned. Not fenced: it is a fact about the engine, whoever holds the lease now;
     * it applies to a PENDING row, or a FAILED "outcome unknown" one. False when the row was in neither state.
     */
    public boolean markStarted(String campaignId, String customerId, long instanceKey, Instant now) {
        return jdbc.update("UPDATE campaign_start SET state = 'STARTED', process_instance_key = ?, reason = NULL, updated_at = ?"
                + " WHERE campaign_id = ? AND customer_id = ? AND state IN ('PENDING', 'FAILED')", instanceKey, ts(now), campaignId, customerId) == 1;
    }

    /** Marks a PENDING row FAILED; fenced. */
    public void markFailed(Fence fence, String campaignId, String customerId, String reason) {
        written(jdbc.update("UPDATE campaign_start SET state = 'FAILED', reason = ?, updated_at = ? WHERE campaign_id = ? AND customer_id = ?"
                        + " AND state = 'PENDING' AND " + FENCE,
                reason.length() > 256 ? reason.substring(0, 256) : reason, ts(fence.now()), campaignId, customerId,
                fence.holder(), fence.epoch(), ts(fence.now())), fence, "marking customer " + customerId + " failed");
    }

    /** The launcher's own state changes (RUNNING -> COMPLETED); fenced. False when the campaign was not in {@code from}. */
    public boolean transition(Fence fence, String id, List<CampaignState> from, CampaignState to, String reason) {
        String placeholders = String.join(",", from.stream().map(s -> "?").toList());
        List<Object> args = new ArrayList<>(List.of(to.name(), reason == null ? "" : reason, ts(fence.now()), id));
        from.forEach(s -> args.add(s.name()));
        args.addAll(List.of(fence.holder(), fence.epoch(), ts(fence.now())));
        return written(jdbc.update("UPDATE campaign SET state = ?, state_reason = NULLIF(?, ''), updated_at = ? WHERE campaign_id = ? AND state IN ("
                + placeholders + ") AND " + FENCE, args.toArray()), fence, "campaign " + id + " -> " + to);
    }

    /** CANCELLED campaigns with something left to do: a journey to stop, or a start still PENDING. */
    public List<Campaign> cancelledWithWorkLeft() {
        return jdbc.query("SELECT * FROM campaign c WHERE c.state = 'CANCELLED' AND EXISTS (SELECT 1 FROM campaign_start s"
                + " WHERE s.campaign_id = c.campaign_id AND (s.state = 'PENDING' OR (s.state = 'STARTED' AND s.journey_stopped IS NULL)))"
                + " ORDER BY c.updated_at", this::campaign);
    }

    /** The next STARTED rows of the campaign whose journey has not been stopped, at most {@code limit}. */
    public List<StartedJourney> journeysToStop(String campaignId, int limit) {
        return jdbc.query("SELECT customer_id, process_instance_key FROM campaign_start WHERE campaign_id = ? AND state = 'STARTED'"
                        + " AND journey_stopped IS NULL ORDER BY customer_id FETCH FIRST " + limit + " ROWS ONLY",
                (rs, i) -> new StartedJourney(rs.getString(1), rs.getLong(2)), campaignId);
    }

    /** Records what cancelling did to the customer's journey; fenced. False when it was recorded already. */
    public boolean markJourneyStopped(Fence fence, String campaignId, String customerId, JourneyStop outcome, String reason) {
        return written(jdbc.update("UPDATE campaign_start SET journey_stopped = ?, journey_stopped_at = ?, reason = COALESCE(?, reason)"
                        + " WHERE campaign_id = ? AND customer_id = ? AND state = 'STARTED' AND journey_stopped IS NULL AND " + FENCE,
                outcome.name(), ts(fence.now()), reason == null || reason.length() <= 256 ? reason : reason.substring(0, 256),
                campaignId, customerId, fence.holder(), fence.epoch(), ts(fence.now())), fence, "recording the stop of customer " + customerId);
    }

    /** The PENDING rows of a campaign with the epoch each was claimed under. */
    public List<Pending> pendingStarts(String campaignId) {
        return jdbc.query("SELECT customer_id, lease_epoch FROM campaign_start WHERE campaign_id = ? AND state = 'PENDING' ORDER BY customer_id",
                (rs, i) -> new Pending(rs.getString(1), rs.getObject(2) == null ? null : rs.getLong(2)), campaignId);
    }

    public List<String> pending(String campaignId) {
        return jdbc.queryForList("SELECT customer_id FROM campaign_start WHERE campaign_id = ? AND state = 'PENDING' ORDER BY customer_id",
                String.class, campaignId);
    }

    public Map<StartState, Long> counts(String campaignId) {
        Map<StartState, Long> counts = new EnumMap<>(StartState.class);
        for (StartState s : StartState.values()) {
            counts.put(s, 0L);
        }
        jdbc.query("SELECT state, COUNT(*) FROM campaign_start WHERE campaign_id = ? GROUP BY state",
                rs -> { counts.put(StartState.valueOf(rs.getString(1)), rs.getLong(2)); }, campaignId);
        return counts;
    }

    public List<Long> startedKeys(String campaignId) {
        return jdbc.queryForList("SELECT process_instance_key FROM campaign_start WHERE campaign_id = ? AND state = 'STARTED'",
                Long.class, campaignId);
    }

    public Optional<Long> audienceSize(Campaign campaign) {
        if (!campaign.uploaded()) {
            return Optional.empty();
        }
        return Optional.ofNullable(jdbc.queryForObject("SELECT COUNT(*) FROM campaign_audience WHERE campaign_id = ?", Long.class, campaign.id()));
    }

    /** When each STARTED customer was recorded started, oldest first (for throttle checks and reports). */
    public List<Instant> startTimes(String campaignId) {
        return jdbc.query("SELECT updated_at FROM campaign_start WHERE campaign_id = ? AND state = 'STARTED' ORDER BY updated_at",
                (rs, i) -> rs.getTimestamp(1).toInstant(), campaignId);
    }

    public CampaignView.Progress progress(Campaign campaign, Optional<Long> completed) {
        Map<StartState, Long> counts = counts(campaign.id());
        Long remaining = audienceSize(campaign).map(size -> size - counts.values().stream().mapToLong(Long::longValue).sum()).orElse(null);
        Map<String, Long> stops = new java.util.HashMap<>();
        jdbc.query("SELECT COALESCE(journey_stopped, '-'), COUNT(*) FROM campaign_start WHERE campaign_id = ? AND state = 'STARTED'"
                + " GROUP BY journey_stopped", rs -> { stops.put(rs.getString(1), rs.getLong(2)); }, campaign.id());
        long toStop = campaign.state() == CampaignState.CANCELLED ? stops.getOrDefault("-", 0L) : 0;
        return new CampaignView.Progress(counts.get(StartState.STARTED), completed.orElse(null), counts.get(StartState.SUPPRESSED),
                counts.get(StartState.FAILED), counts.get(StartState.PENDING), remaining,
                stops.getOrDefault(JourneyStop.CANCELLED.name(), 0L), toStop, stops.getOrDefault(JourneyStop.FAILED.name(), 0L));
    }

    private Campaign campaign(ResultSet rs, int row) throws SQLException {
        AudienceFilter filter = rs.getString("audience_filter") == null ? null : read(rs.getString("audience_filter"), new TypeReference<>() {});
        Map<String, Object> variables = read(rs.getString("variables"), new TypeReference<>() {});
        CampaignDefinition definition = new CampaignDefinition(rs.getString("name"), rs.getString("process_id"), filter, variables,
                rs.getString("sms_template"), instant(rs.getTimestamp("start_at")), instant(rs.getTimestamp("end_at")),
                rs.getDouble("throttle_per_second"));
        return new Campaign(rs.getString("campaign_id"), definition, "UPLOAD".equals(rs.getString("audience_kind")),
                CampaignState.valueOf(rs.getString("state")), rs.getString("state_reason"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable campaign column", e);
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
