package dev.touchpoint.campaign.internal;

import dev.touchpoint.campaign.Campaigns;
import dev.touchpoint.campaign.CampaignState;
import dev.touchpoint.context.ConsentRecord;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.ContextUnavailableException;
import dev.touchpoint.context.CustomerContext;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.journey.RunningJourneys;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the instances of running campaigns on ONE scheduler thread, each campaign throttled by its own token bucket.
 * State lives in the database and is re-read on every round, so pause, resume and cancel (from any instance of the
 * application) take effect within one poll interval, and a restart carries on where the last process stopped.
 *
 * <p>Exactly once per customer: the customer's {@code campaign_start} row (unique per campaign and customer) is
 * written PENDING before the create command; STARTED with the instance key after. A PENDING row is reconciled
 * against the engine's record stream: an instance of the campaign for that customer exists -> STARTED; none ->
 * created now. Where the stream is not readable (remote cluster) the row becomes FAILED "outcome unknown" for an
 * operator to check, rather than risking a second start (ADR-0014).
 *
 * <p>One launcher at a time, fenced (ADR-0018): the lease is checked (and renewed when half spent) before every claim,
 * every write is conditional on the lease's holder and epoch, and a refused write ends the round: a launcher that
 * stalled past its lease stops at its next write. A round handles at most {@code page-size} audience rows per
 * campaign. PENDING rows of an earlier lease epoch are reconciled only a lease after a takeover, when a create the
 * previous holder had in flight has returned.
 *
 * <p>Cancelled campaigns: the same thread stops the journeys they started, at the campaign's throttle, recording each
 * in its start row, so a cancel interrupted by a restart carries on where it stopped (ADR-0018).
 */
public class CampaignLauncher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CampaignLauncher.class);

    private final CampaignRepository repository;
    private final CustomerContextStore context;
    private final InstanceStarter starter;
    private final RunningJourneys journeys;
    private final CampaignProperties properties;
    private final Clock clock;
    private final Map<String, Run> runs = new HashMap<>();
    /** The throttle of each cancelled campaign whose journeys are being stopped. */
    private final Map<String, TokenBucket> cancels = new HashMap<>();
    private final String holder = holderId();
    private final LauncherLease lease;
    /** One round at a time: the launcher thread's, or one run through {@link #runRound()}. */
    private final Object roundLock = new Object();
    private volatile boolean leader;
    private volatile ScheduledExecutorService executor;
    /**
     * Set by {@link #stop()}; the launcher thread finishes its current step and returns. The thread is never
     * interrupted: an interrupt during a database write closes an embedded H2 database for everyone
     * ({@code ClosedByInterruptException} on its file channel).
     */
    private volatile boolean stopping;
    private volatile io.micrometer.core.instrument.MeterRegistry meters;

    /** Campaign progress as a metric (ADR-0025): customers reached, tags {@code journey} and {@code outcome}. */
    public static final String STARTS_METRIC = "touchpoint.campaign.starts";

    public CampaignLauncher(CampaignRepository repository, CustomerContextStore context, InstanceStarter starter,
                            RunningJourneys journeys, CampaignProperties properties, Clock clock) {
        this.repository = repository;
        this.context = context;
        this.starter = starter;
        this.journeys = journeys;
        this.properties = properties;
        this.clock = clock;
        this.lease = new LauncherLease(repository, holder, properties.leaseDuration(), clock);
    }

    /**
     * Counts every customer a campaign reached ({@value #STARTS_METRIC}: outcome started, suppressed or failed, tag
     * journey the campaign's process id; campaign ids are not tags, their number grows without bound).
     */
    public CampaignLauncher meters(io.micrometer.core.instrument.MeterRegistry registry) {
        this.meters = registry;
        return this;
    }

    private void reached(CampaignRepository.Campaign campaign, String outcome) {
        io.micrometer.core.instrument.MeterRegistry registry = meters;
        if (registry != null) {
            io.micrometer.core.instrument.Counter.builder(STARTS_METRIC)
                    .description("Customers reached by campaigns: journeys started, customers suppressed, starts the engine refused")
                    .tag("journey", campaign.definition().processId()).tag("outcome", outcome)
                    .register(registry).increment();
        }
    }

    /** In-memory progress of a running campaign on this thread; rebuilt from the database after any pause or restart. */
    private static final class Run {
        final TokenBucket bucket;
        /** Filter audience: the last customer id considered. */
        String cursor;
        /** Uploaded audience: the last upload position considered (customers with a start row are left out anyway). */
        long position;
        boolean exhausted;

        Run(TokenBucket bucket, String cursor) {
            this.bucket = bucket;
            this.cursor = cursor;
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        stopping = false;
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "campaign-launcher");
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(this::round);
        log.info("Campaign launcher started");
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        boolean idle = true;
        if (running != null) {
            stopping = true;
            running.shutdown();
            try {
                idle = running.awaitTermination(10, TimeUnit.SECONDS);
                if (!idle) {
                    log.warn("Campaign launcher did not finish its step within 10 s; interrupting it");
                    running.shutdownNow();
                }
            } catch (InterruptedException e) {
                idle = false;
                Thread.currentThread().interrupt();
            }
        }
        if (idle) {
            synchronized (roundLock) {
                runs.clear();
                cancels.clear();
                if (leader) {
                    leader = false;
                    releaseLease();
                }
            }
        } else {
            // a step may still be in flight: keep the lease until it expires, so a standby waits for the grace period
            leader = false;
        }
        log.info("Campaign launcher stopped");
    }

    /**
     * Gives the lease up so a standby takes over at once, waiting at most two seconds: a shutdown must not hang on a
     * database that is already gone (the lease then simply expires).
     */
    private void releaseLease() {
        Thread release = Thread.ofVirtual().name("campaign-lease-release").unstarted(() -> {
            try {
                lease.release();
            } catch (RuntimeException e) {
                log.warn("Could not release the campaign launcher lease; a standby takes over when it expires: {}", e.toString());
            }
        });
        release.start();
        try {
            if (!release.join(Duration.ofSeconds(2))) {
                log.warn("Releasing the campaign launcher lease takes too long; a standby takes over when it expires");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isAutoStartup() {
        return properties.launcherEnabled();
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        // after the engine client and the context, before the web server accepts requests
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    private boolean stopping() {
        return stopping || Thread.currentThread().isInterrupted();
    }

    private void round() {
        if (stopping()) {
            return;
        }
        long delayMillis = properties.pollInterval().toMillis();
        try {
            delayMillis = runRound().toMillis();
        } catch (RuntimeException e) {
            log.warn("Campaign launcher round failed; retrying in {}", properties.pollInterval(), e);
        }
        ScheduledExecutorService current = executor;
        if (current != null && !current.isShutdown() && !stopping()) {
            try {
                current.schedule(this::round, Math.max(2, delayMillis), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                // stopping
            }
        }
    }

    /**
     * One round over the running campaigns on the calling thread: what the launcher thread does every poll (a test
     * may drive a launcher that was not started this way). Returns how long until the next round is due.
     */
    public Duration runRound() {
        synchronized (roundLock) {
            long poll = properties.pollInterval().toMillis();
            try {
                if (!leading()) {
                    return Duration.ofMillis(poll);
                }
                long next = launchDue();
                return Duration.ofMillis(Math.min(poll, Math.min(next, stopCancelled())));
            } catch (CampaignRepository.LeaseLost e) {
                log.warn("Campaign launcher {} lost the lease during a round ({}): standing by", holder, e.getMessage());
                lease.lost();
                leader = false;
                runs.clear();
                cancels.clear();
                return Duration.ofMillis(poll);
            }
        }
    }

    /**
     * Holds the launcher lease, renewing it when half of it is spent. Losing it (another instance took over after this
     * one stalled) drops the in-memory runs: they are rebuilt from the database if the lease comes back.
     */
    private boolean leading() {
        boolean held = lease.hold();
        if (held != leader) {
            log.info(held ? "Campaign launcher {} holds the lease (epoch {}): launching" : "Campaign launcher {} lost the lease: standing by",
                    holder, lease.epoch());
        }
        leader = held;
        if (!held) {
            runs.clear();
            cancels.clear();
        }
        return held;
    }

    /** The lease is still this launcher's, renewed if due; a claim is never made on a lease about to expire. */
    private CampaignRepository.Fence fence() {
        if (!lease.hold()) {
            throw new CampaignRepository.LeaseLost("the lease was taken by another launcher");
        }
        return lease.fence();
    }

    /** Whether this instance is the one launching campaigns now. */
    public boolean isLeader() {
        return leader;
    }

    private static String holderId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /** The throttles' time: the application clock, in nanoseconds. */
    private long nanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** One round over the running campaigns; returns how long until the next round is due (ms). */
    private long launchDue() {
        List<CampaignRepository.Campaign> running = repository.inState(CampaignState.RUNNING);
        runs.keySet().retainAll(running.stream().map(CampaignRepository.Campaign::id).toList());
        long next = properties.pollInterval().toMillis();
        for (CampaignRepository.Campaign campaign : running) {
            if (stopping()) {
                return next;
            }
            Instant now = clock.instant();
            if (campaign.definition().startAt() != null && now.isBefore(campaign.definition().startAt())) {
                continue;
            }
            if (campaign.definition().endAt() != null && !now.isBefore(campaign.definition().endAt())) {
                repository.transition(fence(), campaign.id(), List.of(CampaignState.RUNNING), CampaignState.COMPLETED, "end date reached");
                runs.remove(campaign.id());
                continue;
            }
            if (!reconcile(campaign)) {
                continue;
            }
            Run run = runs.get(campaign.id());
            if (run == null) {
                double rate = campaign.definition().throttle();
                run = new Run(new TokenBucket(rate, Math.max(1, rate / 10), nanos()), repository.cursor(campaign.id()).orElse(null));
                runs.put(campaign.id(), run);
            }
            boolean more = advance(campaign, run);
            if (run.exhausted && campaign.uploaded() && repository.unreachedCount(campaign.id()) > 0) {
                // someone the pages passed over is still without a start row: look again from the first position
                run.position = 0;
                run.exhausted = false;
                next = 2;
            } else if (run.exhausted && repository.pending(campaign.id()).isEmpty()) {
                if (repository.transition(fence(), campaign.id(), List.of(CampaignState.RUNNING), CampaignState.COMPLETED, "audience done")) {
                    log.info("Campaign {} completed: every customer of the audience was reached", campaign.id());
                }
                runs.remove(campaign.id());
            } else {
                next = Math.min(next, more ? 2 : Math.max(2, (long) (1000 / campaign.definition().throttle())));
            }
        }
        return next;
    }

    /**
     * Reaches the next customers of the audience while the throttle has tokens, at most {@code page-size} audience
     * rows in this round. Returns true when it stopped at that bound with tokens left (the next round is due at once).
     */
    private boolean advance(CampaignRepository.Campaign campaign, Run run) {
        int budget = run.bucket.available(nanos());
        int scanned = 0;
        while (budget > 0 && !stopping()) {
            if (scanned >= properties.pageSize()) {
                return true;
            }
            int limit = properties.pageSize() - scanned;
            List<CampaignRepository.AudienceEntry> page = campaign.uploaded()
                    ? repository.unreached(campaign.id(), run.position, limit)
                    : repository.profilesAfter(run.cursor, limit).stream().map(id -> new CampaignRepository.AudienceEntry(0, id)).toList();
            if (page.isEmpty()) {
                run.exhausted = true;
                return false;
            }
            for (CampaignRepository.AudienceEntry entry : page) {
                if (stopping()) {
                    return false;
                }
                scanned++;
                Outcome outcome = reach(campaign, entry.customerId());
                if (outcome == Outcome.BUSY) {
                    return false; // the engine pushes back: this customer is tried again next round
                }
                run.cursor = entry.customerId();
                run.position = entry.position();
                if (outcome == Outcome.STARTED && run.bucket.tryTake(nanos())) {
                    budget--;
                }
                if (budget <= 0) {
                    return false;
                }
            }
        }
        return false;
    }

    private enum Outcome { STARTED, SKIPPED, BUSY }

    private Outcome reach(CampaignRepository.Campaign campaign, String customerId) {
        Optional<CustomerContext> found;
        try {
            found = context.findContext(customerId);
        } catch (ContextUnavailableException e) {
            return Outcome.BUSY;
        }
        if (found.isEmpty()) {
            if (repository.claim(fence(), campaign.id(), customerId, Campaigns.StartState.SUPPRESSED, "UNKNOWN_CUSTOMER")) {
                reached(campaign, "suppressed");
            }
            return Outcome.SKIPPED;
        }
        if (!campaign.uploaded() && campaign.definition().filter() != null && !campaign.definition().filter().matches(found.get())) {
            return Outcome.SKIPPED; // not in the audience; the cursor moves on, nothing is recorded
        }
        if (context.reachableChannels(customerId, Purpose.MARKETING).isEmpty()) {
            if (repository.claim(fence(), campaign.id(), customerId, Campaigns.StartState.SUPPRESSED, noChannelReason(found.get()))) {
                reached(campaign, "suppressed");
            }
            return Outcome.SKIPPED;
        }
        if (!repository.claim(fence(), campaign.id(), customerId, Campaigns.StartState.PENDING, null)) {
            return Outcome.SKIPPED; // already reached by this campaign
        }
        return create(campaign, customerId);
    }

    private Outcome create(CampaignRepository.Campaign campaign, String customerId) {
        Map<String, Object> variables = new LinkedHashMap<>(campaign.definition().variables());
        variables.put("customerId", customerId);
        variables.put("campaignId", campaign.id());
        long key;
        try {
            key = starter.start(campaign.definition().processId(), variables);
        } catch (InstanceStarter.EngineBusy e) {
            // refused (not created): release the claim, the same customer is tried again next round
            repository.unclaim(fence(), campaign.id(), customerId);
            log.debug("Engine backpressure while starting campaign {}; customer {} is retried", campaign.id(), customerId);
            return Outcome.BUSY;
        } catch (ClientStatusException e) {
            repository.markFailed(fence(), campaign.id(), customerId, "engine: " + e.getStatusCode());
            reached(campaign, "failed");
            log.warn("Campaign {} could not start {} for customer {}: {}", campaign.id(), campaign.definition().processId(), customerId, e.getStatusCode());
            return Outcome.SKIPPED;
        }
        // the instance exists: recorded whether or not this launcher still holds the lease (a fact, not a decision)
        if (!repository.markStarted(campaign.id(), customerId, key, clock.instant())) {
            log.warn("Campaign {}: instance {} started for customer {} but its start row was no longer PENDING or FAILED",
                    campaign.id(), key, customerId);
        }
        reached(campaign, "started");
        return Outcome.STARTED;
    }

    /**
     * PENDING rows: the create may or may not have reached the engine. Rows of this launcher's lease epoch, and of
     * earlier epochs once a create of the previous holder has certainly returned, are settled; the others wait.
     * False when the engine pushed back (the campaign waits for the next round).
     */
    private boolean reconcile(CampaignRepository.Campaign campaign) {
        for (CampaignRepository.Pending pending : repository.pendingStarts(campaign.id())) {
            if (!lease.mayReconcile(pending.leaseEpoch())) {
                continue;
            }
            String customerId = pending.customerId();
            Optional<Long> existing;
            try {
                existing = starter.find(campaign.definition().processId(), campaign.id(), customerId);
            } catch (UnsupportedOperationException e) {
                repository.markFailed(fence(), campaign.id(), customerId,
                        "outcome unknown after restart: check the engine before starting this customer again");
                continue;
            }
            if (existing.isPresent()) {
                repository.markStarted(campaign.id(), customerId, existing.get(), clock.instant());
                log.info("Campaign {}: start of customer {} had reached the engine (instance {})", campaign.id(), customerId, existing.get());
            } else if (repository.reclaim(fence(), campaign.id(), customerId) && create(campaign, customerId) == Outcome.BUSY) {
                return false;
            }
        }
        return true;
    }

    /**
     * One round over the cancelled campaigns with work left: settle their PENDING starts, then stop the journeys they
     * started, one cancel command per token of the campaign's throttle. Returns how long until the next round (ms).
     */
    private long stopCancelled() {
        List<CampaignRepository.Campaign> cancelled = repository.cancelledWithWorkLeft();
        cancels.keySet().retainAll(cancelled.stream().map(CampaignRepository.Campaign::id).toList());
        long next = properties.pollInterval().toMillis();
        for (CampaignRepository.Campaign campaign : cancelled) {
            if (stopping()) {
                return next;
            }
            double rate = campaign.definition().throttle();
            TokenBucket bucket = cancels.computeIfAbsent(campaign.id(), id -> new TokenBucket(rate, Math.max(1, rate / 10), nanos()));
            settlePendingOfCancelled(campaign);
            if (stopJourneys(campaign, bucket) && repository.pending(campaign.id()).isEmpty()) {
                repository.transition(fence(), campaign.id(), List.of(CampaignState.CANCELLED), CampaignState.CANCELLED,
                        "cancelled: the journeys it started were stopped");
                cancels.remove(campaign.id());
                log.info("Campaign {}: cancelled, every journey it started was stopped", campaign.id());
            } else {
                next = Math.min(next, Math.max(2, (long) (1000 / rate)));
            }
        }
        return next;
    }

    /**
     * A start still PENDING in a cancelled campaign: an instance the create made is recorded (and stopped next); a
     * create that never reached the engine gives the claim back (the customer was not contacted and will not be).
     */
    private void settlePendingOfCancelled(CampaignRepository.Campaign campaign) {
        for (CampaignRepository.Pending pending : repository.pendingStarts(campaign.id())) {
            if (!lease.mayReconcile(pending.leaseEpoch())) {
                continue;
            }
            String customerId = pending.customerId();
            Optional<Long> existing;
            try {
                existing = starter.find(campaign.definition().processId(), campaign.id(), customerId);
            } catch (UnsupportedOperationException e) {
                repository.markFailed(fence(), campaign.id(), customerId,
                        "outcome unknown after the campaign was cancelled: check the engine for a journey of this customer");
                continue;
            }
            if (existing.isPresent()) {
                repository.markStarted(campaign.id(), customerId, existing.get(), clock.instant());
            } else {
                repository.unclaim(fence(), campaign.id(), customerId);
            }
        }
    }

    /**
     * Cancels the next journeys of the campaign while its throttle has tokens. Returns true when none is left to stop;
     * false when tokens ran out or the engine pushed back (the rest follow in the next rounds).
     */
    private boolean stopJourneys(CampaignRepository.Campaign campaign, TokenBucket bucket) {
        int budget = bucket.available(nanos());
        if (budget <= 0) {
            return false;
        }
        List<CampaignRepository.StartedJourney> page = repository.journeysToStop(campaign.id(), Math.min(budget, properties.pageSize()));
        if (page.isEmpty()) {
            return true;
        }
        for (CampaignRepository.StartedJourney journey : page) {
            if (stopping()) {
                return false;
            }
            CampaignRepository.Fence fence = fence(); // a launcher that lost the lease sends no further command
            if (!bucket.tryTake(nanos())) {
                return false;
            }
            CampaignRepository.JourneyStop outcome;
            String reason = null;
            try {
                outcome = journeys.cancel(List.of(journey.processInstanceKey()), "campaign " + campaign.id() + " cancelled") == 1
                        ? CampaignRepository.JourneyStop.CANCELLED : CampaignRepository.JourneyStop.ENDED;
            } catch (ClientStatusException e) {
                Status.Code code = e.getStatusCode();
                if (code == Status.Code.RESOURCE_EXHAUSTED || code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
                    log.debug("Engine backpressure while stopping the journeys of campaign {}; retried", campaign.id());
                    return false;
                }
                outcome = CampaignRepository.JourneyStop.FAILED;
                reason = "cancel refused by the engine: " + code;
                log.warn("Campaign {}: the engine refused to cancel journey {} of customer {}: {}", campaign.id(),
                        journey.processInstanceKey(), journey.customerId(), code);
            } catch (RuntimeException e) {
                log.warn("Campaign {}: cancelling journey {} of customer {} failed; retried next round: {}", campaign.id(),
                        journey.processInstanceKey(), journey.customerId(), e.toString());
                return false;
            }
            repository.markJourneyStopped(fence, campaign.id(), journey.customerId(), outcome, reason);
        }
        return repository.journeysToStop(campaign.id(), 1).isEmpty();
    }

    static String noChannelReason(CustomerContext context) {
        boolean anyConsent = false;
        for (Channel channel : Channel.values()) {
            anyConsent |= context.consent(channel, Purpose.MARKETING).map(ConsentRecord::status).orElse(null) == ConsentStatus.GRANTED;
        }
        return anyConsent ? "UNREACHABLE" : "NO_CONSENT";
    }

    Duration pollInterval() {
        return properties.pollInterval();
    }
}
