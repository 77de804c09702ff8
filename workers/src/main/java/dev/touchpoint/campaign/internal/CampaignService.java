package dev.touchpoint.campaign.internal;

import dev.touchpoint.csv.CsvRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.brand.BrandDesignSystem;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.brand.RenderRequest;
import dev.touchpoint.campaign.CampaignDefinition;
import dev.touchpoint.campaign.CampaignState;
import dev.touchpoint.campaign.CampaignView;
import dev.touchpoint.campaign.Campaigns;
import dev.touchpoint.campaign.DryRunReport;
import dev.touchpoint.context.CustomerContext;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.Priority;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.TouchpointDecision;
import dev.touchpoint.context.TouchpointRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;

/** Define, fill, dry-run and steer campaigns; the launcher does the starting. */
public class CampaignService implements Campaigns {

    private static final Pattern CUSTOMER_ID = Pattern.compile("^[A-Za-z0-9._:@-]{1,128}$");
    private static final int UPLOAD_BATCH = 500;

    private final CampaignRepository repository;
    private final CustomerContextStore context;
    private final InstanceStarter starter;
    private final BrandDesignSystem brand;
    private final CampaignProperties properties;
    private final Environment environment;
    private final ObjectMapper json;
    private final Clock clock;

    public CampaignService(CampaignRepository repository, CustomerContextStore context, InstanceStarter starter,
                           BrandDesignSystem brand, CampaignProperties properties, Environment environment, ObjectMapper json, Clock clock) {
        this.repository = repository;
        this.context = context;
        this.starter = starter;
        this.brand = brand;
        this.properties = properties;
        this.environment = environment;
        this.json = json;
        this.clock = clock;
    }

    /** @throws IllegalArgumentException naming the field when the definition is invalid */
    @Override
    public String define(CampaignDefinition definition, String createdBy) {
        if (definition.name() == null || definition.name().isBlank() || definition.name().length() > 200) {
            throw new IllegalArgumentException("name: 1-200 characters");
        }
        if (definition.processId() == null || !definition.processId().matches("^[A-Za-z_][A-Za-z0-9_.-]{0,255}$")) {
            throw new IllegalArgumentException("processId: a BPMN process id, e.g. winback-campaign");
        }
        if (!(definition.throttle() > 0) || definition.throttle() > properties.maxThrottle()) {
            throw new IllegalArgumentException("throttle: instances per second, above 0 and at most " + properties.maxThrottle());
        }
        if (definition.endAt() != null && definition.startAt() != null && !definition.endAt().isAfter(definition.startAt())) {
            throw new IllegalArgumentException("endAt: must be after startAt");
        }
        if (definition.variables().containsKey("customerId") || definition.variables().containsKey("campaignId")) {
            throw new IllegalArgumentException("variables: customerId and campaignId are set per instance");
        }
        String id = "cmp-" + UUID.randomUUID().toString().substring(0, 13);
        repository.insert(id, definition, createdBy, clock.instant());
        return id;
    }


    /**
     * Streams an audience file into the campaign: CSV (first column {@code customerId}, or a header naming a
     * {@code customerId} / {@code customer_id} / {@code id} column; RFC 4180 quoting, read with Apache Commons CSV,
     * ADR-0018) or JSONL ({@code {"customerId": ...}} per line). Read record by record and written in batches: the
     * file is never held in memory.
     */
    @Override
    public UploadReport upload(String campaignId, InputStream body, boolean jsonLines) throws IOException {
        CampaignRepository.Campaign campaign = require(campaignId);
        if (!campaign.uploaded()) {
            throw new IllegalArgumentException("audience: this campaign's audience is a filter; define one without filter to upload");
        }
        if (campaign.state() != CampaignState.DRAFT && campaign.state() != CampaignState.PAUSED) {
            throw new IllegalStateException("the audience can only be changed while the campaign is DRAFT or PAUSED");
        }
        Upload upload = new Upload(campaignId);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            if (jsonLines) {
                readJsonLines(reader, upload);
            } else {
                readCsv(reader, upload);
            }
        }
        upload.flush();
        return new UploadReport(upload.added, upload.seen - upload.added, upload.invalid, upload.aborted);
    }

    private void readCsv(BufferedReader reader, Upload upload) {
        CsvRecords csv = new CsvRecords(reader);
        int column = 0;
        boolean first = true;
        try {
            for (CsvRecords.CsvRecord row = csv.next(); row != null; row = csv.next()) {
                if (first) {
                    first = false;
                    int header = headerColumn(row.fields());
                    if (header >= 0) {
                        column = header;
                        continue;
                    }
                }
                upload.offer(row.line(), column < row.fields().size() ? row.fields().get(column).trim() : null);
            }
        } catch (CsvRecords.MalformedCsvException e) {
            upload.aborted = "line " + e.line + ": " + e.getMessage() + "; the lines after it were not read";
        }
    }

    private void readJsonLines(BufferedReader reader, Upload upload) throws IOException {
        long lineNo = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (IOException e) {
                node = null;
            }
            upload.offer(lineNo, node != null && node.path("customerId").isTextual() ? node.get("customerId").asText() : null);
        }
    }

    /** The customers of one upload, written to the audience in batches. */
    private final class Upload {
        final String campaignId;
        final List<String> invalid = new ArrayList<>();
        final List<String> batch = new ArrayList<>(UPLOAD_BATCH);
        long added;
        long seen;
        String aborted;

        Upload(String campaignId) {
            this.campaignId = campaignId;
        }

        void offer(long line, String id) {
            if (id == null || !CUSTOMER_ID.matcher(id).matches()) {
                if (invalid.size() < 20) {
                    invalid.add("line " + line);
                }
                return;
            }
            seen++;
            batch.add(id);
            if (batch.size() == UPLOAD_BATCH) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                added += repository.addAudience(campaignId, batch);
                batch.clear();
            }
        }
    }

    private static int headerColumn(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            String name = cells.get(i).trim().toLowerCase(Locale.ROOT);
            if (name.equals("customerid") || name.equals("customer_id") || name.equals("id")) {
                return i;
            }
        }
        return -1;
    }

    /** Counts what a launch would do now; sends and starts nothing. */
    @Override
    public DryRunReport dryRun(String campaignId) {
        CampaignRepository.Campaign campaign = require(campaignId);
        Instant at = campaign.definition().startAt() != null && campaign.definition().startAt().isAfter(clock.instant())
                ? campaign.definition().startAt() : clock.instant();
        AtomicLong audience = new AtomicLong();
        AtomicLong enter = new AtomicLong();
        AtomicLong segments = new AtomicLong();
        AtomicLong renderFailures = new AtomicLong();
        Map<String, Long> perChannel = new LinkedHashMap<>();
        Map<String, Long> suppressed = new LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            perChannel.put(channel.name(), 0L);
        }
        for (String reason : List.of("NO_CONSENT", "UNREACHABLE", "BUDGET_EXHAUSTED", "QUIET_HOURS", "UNKNOWN_CUSTOMER")) {
            suppressed.put(reason, 0L);
        }
        repository.forEachInAudience(campaign, properties.pageSize(), customerId -> {
            Optional<CustomerContext> found = context.findContext(customerId);
            if (found.isEmpty()) {
                if (campaign.uploaded()) {
                    audience.incrementAndGet();
                    suppressed.merge("UNKNOWN_CUSTOMER", 1L, Long::sum);
                }
                return;
            }
            if (!campaign.uploaded() && !campaign.definition().filter().matches(found.get())) {
                return;
            }
            audience.incrementAndGet();
            List<Channel> reachable = context.reachableChannels(customerId, Purpose.MARKETING);
            if (reachable.isEmpty()) {
                suppressed.merge(CampaignLauncher.noChannelReason(found.get()), 1L, Long::sum);
                return;
            }
            Channel channel = reachable.getFirst();
            // the real decision's rules (budget, quiet hours, consent policy) at the start time, reserving nothing
            TouchpointDecision decision = context.preview(new TouchpointRequest(customerId, channel, Purpose.MARKETING,
                    Priority.NORMAL, campaign.definition().processId(), "campaign-dry-run", "dry-run:" + campaign.id(),
                    null, null), at);
            switch (decision) {
                case TouchpointDecision.Suppress suppress -> {
                    suppressed.merge(suppress.reason().name(), 1L, Long::sum);
                    return;
                }
                case TouchpointDecision.Defer defer -> {
                    suppressed.merge(defer.reason().name(), 1L, Long::sum);
                    return;
                }
                case TouchpointDecision.Send send -> { }
            }
            enter.incrementAndGet();
            perChannel.merge(channel.name(), 1L, Long::sum);
            if (channel == Channel.SMS && campaign.definition().smsTemplate() != null) {
                try {
                    segments.addAndGet(smsSegments(campaign, found.get()));
                } catch (RuntimeException e) {
                    renderFailures.incrementAndGet();
                }
            }
        });
        return new DryRunReport(audience.get(), enter.get(), perChannel, suppressed, segments.get(), renderFailures.get());
    }

    private int smsSegments(CampaignRepository.Campaign campaign, CustomerContext customer) {
        Map<String, Object> variables = new LinkedHashMap<>(campaign.definition().variables());
        if (customer.profile().givenName() != null) {
            variables.put("firstName", customer.profile().givenName());
        }
        variables.putAll(customer.profile().attributes().entrySet().stream()
                .filter(e -> !variables.containsKey(e.getKey()))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        RenderRequest request = RenderRequest.builder(campaign.definition().smsTemplate(), Channel.SMS)
                .locale(customer.profile().locale() == null ? Locale.forLanguageTag(brand.defaultLocale()) : customer.profile().locale())
                .zone(zone(customer))
                .variables(variables)
                .unsubscribeToken("dry-run")
                .build();
        return brand.renderSms(request).segments();
    }

    private ZoneId zone(CustomerContext customer) {
        return customer.profile().timeZone() != null ? customer.profile().timeZone()
                : ZoneId.of(environment.getProperty("touchpoint.context.decision.default-time-zone", "UTC"));
    }

    @Override
    public void launch(String id) {
        transition(id, List.of(CampaignState.DRAFT), CampaignState.RUNNING, "launched");
    }

    /**
     * Launches a DRAFT campaign now ({@code startAt} null or not in the future) or at {@code startAt}, starting at most
     * {@code throttle} journeys per second (both replace what the definition said).
     *
     * @throws IllegalArgumentException naming the field when the start or throttle is invalid
     * @throws IllegalStateException when the campaign is not DRAFT
     */
    @Override
    public void launch(String id, Instant startAt, double throttle) {
        CampaignRepository.Campaign campaign = require(id);
        if (!(throttle > 0) || throttle > properties.maxThrottle()) {
            throw new IllegalArgumentException("throttle: instances per second, above 0 and at most " + properties.maxThrottle());
        }
        Instant now = clock.instant();
        Instant start = startAt == null || !startAt.isAfter(now) ? null : startAt;
        Instant end = campaign.definition().endAt();
        if (end != null && !end.isAfter(start == null ? now : start)) {
            throw new IllegalArgumentException("startAt: must be before the campaign's end (" + end + ")");
        }
        if (!repository.launch(id, start, throttle, now)) {
            throw new IllegalStateException("campaign " + id + " is " + require(id).state() + "; launching needs DRAFT");
        }
    }

    /** When the campaign first reached a customer (started, suppressed or failed), if it did. */
    @Override
    public Optional<Instant> firstStart(String id) {
        return repository.firstStart(id);
    }

    /** The customers the campaign reached from {@code from} on, per {@code bucket} and start state. */
    @Override
    public List<StartBucket> startSeries(String id, Instant from, java.time.Duration bucket) {
        return repository.startSeries(id, from, bucket.getSeconds());
    }

    @Override
    public void pause(String id) {
        transition(id, List.of(CampaignState.RUNNING), CampaignState.PAUSED, "paused");
    }

    @Override
    public void resume(String id) {
        transition(id, List.of(CampaignState.PAUSED), CampaignState.RUNNING, "resumed");
    }

    /**
     * Cancels the campaign: nobody more is started, and the journeys it started are stopped (cancelled in the engine)
     * by the launcher, throttled like the launch and carried on after a restart (ADR-0018). Also from COMPLETED: the
     * audience was reached, but its journeys may still be running.
     */
    @Override
    public void cancel(String id) {
        transition(id, List.of(CampaignState.DRAFT, CampaignState.RUNNING, CampaignState.PAUSED, CampaignState.COMPLETED),
                CampaignState.CANCELLED, "cancelled: stopping the journeys it started");
    }

    private void transition(String id, List<CampaignState> from, CampaignState to, String reason) {
        CampaignRepository.Campaign campaign = require(id);
        if (!repository.transition(id, from, to, reason, clock.instant())) {
            throw new IllegalStateException("campaign " + id + " is " + campaign.state() + "; " + to + " needs one of " + from);
        }
    }

    @Override
    public Optional<CampaignView> view(String id) {
        return repository.find(id).map(this::view);
    }

    @Override
    public List<CampaignView> all() {
        return repository.all().stream().map(this::view).toList();
    }

    private CampaignView view(CampaignRepository.Campaign c) {
        Optional<Long> completed = starter.countCompleted(c.id());
        return new CampaignView(c.id(), c.definition(), c.uploaded(), c.state(), c.stateReason(), c.createdAt(), c.updatedAt(),
                repository.progress(c, completed));
    }

    private CampaignRepository.Campaign require(String id) {
        return repository.find(id).orElseThrow(() -> new NoSuchCampaignException(id));
    }

}
