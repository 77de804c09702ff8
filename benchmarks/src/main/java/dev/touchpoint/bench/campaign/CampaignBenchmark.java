package dev.touchpoint.bench.campaign;

import static dev.touchpoint.bench.support.BenchReport.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.bench.support.BenchApplication;
import dev.touchpoint.bench.support.BenchCustomers;
import dev.touchpoint.bench.support.BenchReport;
import dev.touchpoint.bench.support.InstanceCounter;
import dev.touchpoint.bench.support.JfrWindow;
import dev.touchpoint.bench.support.ResourceSampler;
import dev.touchpoint.context.CustomerContextStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Campaign launch driver: starts the real application in this JVM (embedded engine, job workers off, the campaign
 * throttle cap raised), loads customers into the context, then, through the campaign REST API as marketing ops use
 * it ({@code /api/campaigns}, HTTP Basic as a MARKETING user), defines a campaign whose filter audience selects every
 * loaded customer, dry-runs it, launches it, and follows the engine's record stream until every audience member has
 * an instance of the journey. Measured: time from the launch request to the last start, starts per second (overall
 * and per quarter of the audience), CPU/heap/GC over the launch, and that every audience member was started exactly
 * once (distinct {@code customerId} of the created instances, and the campaign's own progress). Prints a table and
 * writes {@code campaign-<time>.json} and {@code .md} to the results folder.
 */
public final class CampaignBenchmark {

    private static final String USER = "bench-marketing";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final CampaignOptions options;
    private final List<String> appOverrides;
    private final ObjectMapper json = new ObjectMapper();
    private final String password = BenchApplication.randomSecret();
    private final HttpClient http = BenchApplication.httpClient();
    private URI base;
    private int viewFailures;

    private CampaignBenchmark(CampaignOptions options, List<String> appOverrides) {
        this.options = options;
        this.appOverrides = appOverrides;
    }

    public static void main(String[] args) throws Exception {
        BenchApplication.main(args, CampaignOptions.USAGE, CampaignOptions::parse,
                (options, appOverrides) -> new CampaignBenchmark(options, appOverrides).run());
    }

    private void run() throws Exception {
        List<String> settings = BenchApplication.isolatedSettingsWithoutWorkers(options.repository(),
                BenchApplication.dataFolder(options.out()));
        settings.add("touchpoint.campaigns.max-throttle=" + options.throttle());
        settings.add("touchpoint.security.users[0].name=" + USER);
        settings.add("touchpoint.security.users[0].password=" + password);
        settings.add("touchpoint.security.users[0].roles[0]=MARKETING");
        try (BenchApplication app = BenchApplication.start(settings, appOverrides);
             InstanceCounter counter = new InstanceCounter(app.engine())) {
            if (!counter.available()) {
                throw new IllegalStateException("the campaign benchmark needs the embedded engine's record stream");
            }
            base = app.baseUri();
            counter.track(options.processId(), "customerId");
            Map<String, Object> loading = BenchCustomers.load(app.bean(CustomerContextStore.class), options.customers());

            String id = call("POST", "/api/campaigns", definition()).path("id").asText();
            log("campaign " + id + " defined");
            Map<String, Object> dryRun = new LinkedHashMap<>();
            long audience = options.customers();
            if (options.dryRun()) {
                long started = System.nanoTime();
                JsonNode report = call("POST", "/api/campaigns/" + id + "/dry-run", null);
                double seconds = (System.nanoTime() - started) / 1e9;
                dryRun.put("seconds", BenchReport.round(seconds));
                dryRun.put("audience", report.path("audience").asLong());
                dryRun.put("wouldEnter", report.path("wouldEnter").asLong());
                dryRun.put("suppressed", json.convertValue(report.path("suppressed"), Map.class));
                audience = report.path("wouldEnter").asLong();
                log(String.format(Locale.ROOT, "dry run in %.1f s: audience %d, would enter %d", seconds,
                        report.path("audience").asLong(), audience));
            }
            Map<String, Object> launch = launch(id, audience, counter);
            launch.put("dryRun", dryRun);
            write(app.engineMode(), loading, launch);
        }
    }

    private Map<String, Object> definition() {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("consent", List.of("EMAIL"));
        filter.put("attributes", List.of(Map.of("name", BenchCustomers.SEGMENT_ATTRIBUTE, "op", "EQ",
                "value", BenchCustomers.SEGMENT_VALUE)));
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("name", "Benchmark launch of " + options.customers() + " customers");
        definition.put("processId", options.processId());
        definition.put("filter", filter);
        definition.put("variables", Map.of("offerCode", "BENCH20", "offerPercent", 20,
                "offerExpires", LocalDate.now(ZoneOffset.UTC).plusDays(30).toString()));
        definition.put("throttle", options.throttle());
        return definition;
    }

    private Map<String, Object> launch(String id, long audience, InstanceCounter counter) throws Exception {
        JfrWindow jfr = JfrWindow.start(options.jfr(), "touchpoint-bench-campaign");
        ResourceSampler resources = ResourceSampler.start();
        long launchedAt = System.currentTimeMillis();
        call("POST", "/api/campaigns/" + id + "/launch", null);
        log("campaign " + id + " launched: waiting for " + audience + " instances of " + options.processId());
        long deadline = System.nanoTime() + options.timeout().toNanos();
        long nextView = System.nanoTime() + PROGRESS_EVERY.toNanos();
        boolean launcherDone = false;
        boolean timedOut = false;
        while (true) {
            Thread.sleep(500); // the counter reads the record stream every 200 ms; this loop only watches it
            counter.refresh();
            int started = counter.trackedValues(options.processId());
            if (started >= audience || launcherDone) {
                break;
            }
            if (System.nanoTime() > nextView) {
                JsonNode view = view(id);
                launcherDone = view.path("state").asText().equals("COMPLETED") || view.path("state").asText().equals("CANCELLED");
                log(String.format(Locale.ROOT, "%d of %d started after %.0f s (campaign %s, entered %d)", started, audience,
                        (System.currentTimeMillis() - launchedAt) / 1000.0, view.path("state").asText(),
                        view.path("progress").path("entered").asLong()));
                nextView = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
            if (System.nanoTime() > deadline) {
                timedOut = true;
                log("timed out after " + options.timeout().toSeconds() + " s");
                break;
            }
        }
        Map<String, Object> resourceFigures = resources.stop();
        jfr.stop(options.out().resolve("campaign-launch.jfr"));
        // the launcher marks the campaign COMPLETED once its audience is exhausted; give it a few poll intervals
        JsonNode view = view(id);
        for (int i = 0; i < 20 && !view.path("state").asText().equals("COMPLETED") && !timedOut; i++) {
            Thread.sleep(500); // waiting for the launcher's next round
            view = view(id);
        }
        counter.refresh();

        long[] created = new long[options.customers()];
        int startedOnce = 0;
        int startedMoreThanOnce = 0;
        int notStarted = 0;
        int k = 0;
        for (int i = 0; i < options.customers(); i++) {
            InstanceCounter.Starts starts = counter.starts(options.processId(), BenchCustomers.id(i));
            if (starts == null) {
                notStarted++;
                continue;
            }
            created[k++] = starts.firstCreatedAtMillis();
            if (starts.instances() == 1) {
                startedOnce++;
            } else {
                startedMoreThanOnce++;
            }
        }
        long[] times = java.util.Arrays.copyOf(created, k);
        Map<String, Object> rates = LaunchRates.of(times, launchedAt);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("campaignId", id);
        result.put("processId", options.processId());
        result.put("throttle", options.throttle());
        result.put("audience", audience);
        result.put("rates", rates);
        Map<String, Object> exactlyOnce = new LinkedHashMap<>();
        exactlyOnce.put("customersStartedOnce", startedOnce);
        exactlyOnce.put("customersStartedMoreThanOnce", startedMoreThanOnce);
        exactlyOnce.put("customersNotStarted", notStarted);
        exactlyOnce.put("distinctCustomersWithInstance", counter.trackedValues(options.processId()));
        exactlyOnce.put("instancesOfProcess", counter.started(options.processId()));
        exactlyOnce.put("campaignState", view.path("state").asText());
        exactlyOnce.put("campaignProgress", json.convertValue(view.path("progress"), Map.class));
        result.put("exactlyOnce", exactlyOnce);
        result.put("timedOut", timedOut);
        result.put("progressViewFailures", viewFailures);
        result.put("resources", resourceFigures);
        log(String.format(Locale.ROOT, "launch: %s instances in %s s, %s starts/s; %d started once, %d more than once, %d not started",
                rates.get("instances"), rates.get("secondsToLastStart"), rates.get("startsPerSecond"), startedOnce,
                startedMoreThanOnce, notStarted));
        return result;
    }

    /**
     * {@code GET /api/campaigns/{id}}, asked again when it fails: while the engine writes records the view can answer
     * 500 (its completed count iterates the engine's record stream as it grows); failures are counted and reported.
     */
    private JsonNode view(String id) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call("GET", "/api/campaigns/" + id, null);
            } catch (IllegalStateException e) {
                viewFailures++;
                if (attempt == 10) {
                    throw e;
                }
                log("campaign view failed (" + e.getMessage().lines().findFirst().orElse("") + "), asking again");
            }
        }
    }

    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (USER + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json")
                .header("X-Requested-By", "touchpoint-bench") // a program, not a cross-site form (ADR-0017)
                .timeout(Duration.ofMinutes(5));
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return json.readTree(response.body());
    }

    private void write(String engine, Map<String, Object> loading, Map<String, Object> launch) throws IOException {
        ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("date", at.toString());
        document.put("machine", BenchReport.machine());
        document.put("engine", engine);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("customers", options.customers());
        settings.put("processId", options.processId());
        settings.put("throttle", options.throttle());
        settings.put("audienceFilter", "consent EMAIL, attribute " + BenchCustomers.SEGMENT_ATTRIBUTE + " = "
                + BenchCustomers.SEGMENT_VALUE + " (every loaded customer)");
        settings.put("jobWorkers", "off");
        document.put("settings", settings);
        document.put("customerLoading", loading);
        document.put("launch", launch);
        BenchReport.write(options.out(), "campaign", at, document, CampaignReport.markdown(document, at));
    }
}
