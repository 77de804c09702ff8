package dev.touchpoint.bench.ingress;

import static dev.touchpoint.bench.support.BenchReport.log;
import static dev.touchpoint.bench.support.BenchReport.perSecond;
import static dev.touchpoint.bench.support.BenchReport.round;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoint.bench.support.BenchApplication;
import dev.touchpoint.bench.support.BenchCustomers;
import dev.touchpoint.bench.support.BenchReport;
import dev.touchpoint.bench.support.InstanceCounter;
import dev.touchpoint.bench.support.JfrWindow;
import dev.touchpoint.bench.support.ResourceSampler;
import dev.touchpoint.context.CustomerContextStore;
import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Ingress load driver. Per batch size it starts the real application in this JVM (embedded engine, job workers off,
 * an event source {@code bench} with a random API key), loads customers into the context, and lets {@code clients}
 * concurrent HTTP clients POST batches of valid {@code customer.signed-up} events to {@code /api/events} on loopback
 * for a warm-up and a measured window. Measured per batch size:
 * <ul>
 *   <li>events/s accepted: per-event status ACCEPTED in the answers received in the window;</li>
 *   <li>request latency p50/p95/p99 of those answers (HdrHistogram, µs resolution);</li>
 *   <li>events/s correlated: {@code welcome} instances the engine created from these events within the window (its
 *       record stream, per customer id and record timestamp), after checking that every accepted event of the phase
 *       is reflected by exactly one instance.</li>
 * </ul>
 * Each batch size gets its own application start: with the workers off every instance stays active and the embedded
 * engine slows down as its state grows. In the last application a sample of accepted events is posted again with the
 * same idempotency keys after their instances were cancelled (so a second correlation would start a new instance
 * instead of being held back by the active one), with a control group posted under new keys that must start
 * instances. Prints a table and writes {@code ingress-<time>.json} and {@code .md} to the results folder.
 */
public final class IngressBenchmark {

    static final String SOURCE = "bench";
    private static final String SOURCE_HEADER = "X-Touchpoint-Source";
    private static final String API_KEY_HEADER = "X-Touchpoint-Api-Key";

    private final IngressOptions options;
    private final List<String> appOverrides;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong sequence = new AtomicLong();
    private final String apiKey = BenchApplication.randomSecret();
    private final HttpClient http = BenchApplication.httpClient();
    private final IngressEvents events;
    private URI endpoint;

    private IngressBenchmark(IngressOptions options, List<String> appOverrides) {
        this.options = options;
        this.appOverrides = appOverrides;
        this.events = new IngressEvents(json, "ing-" + UUID.randomUUID().toString().substring(0, 8), Instant.now());
    }

    public static void main(String[] args) throws Exception {
        BenchApplication.main(args, IngressOptions.USAGE, IngressOptions::parse,
                (options, appOverrides) -> new IngressBenchmark(options, appOverrides).run());
    }

    /**
     * One application per batch size, started the same way: with the job workers off every accepted event leaves an
     * active instance behind, and the embedded engine slows down as its state grows, so phases sharing one engine
     * would favour whichever ran first. The duplicate check runs in the last application.
     */
    private void run() throws Exception {
        List<Map<String, Object>> phases = new ArrayList<>();
        Map<String, Object> duplicates = Map.of();
        String engine = null;
        for (int i = 0; i < options.batchSizes().size(); i++) {
            int batchSize = options.batchSizes().get(i);
            List<String> settings = BenchApplication.isolatedSettingsWithoutWorkers(options.repository(),
                    BenchApplication.dataFolder(options.out()));
            settings.add("touchpoint.ingress.sources." + SOURCE + ".api-keys=" + apiKey);
            try (BenchApplication app = BenchApplication.start(settings, appOverrides);
                 InstanceCounter counter = new InstanceCounter(app.engine())) {
                if (!counter.available()) {
                    throw new IllegalStateException("the ingress benchmark needs the embedded engine's record stream");
                }
                engine = app.engineMode();
                counter.track(IngressEvents.PROCESS, "customerId");
                counter.trackMessages(IngressEvents.MESSAGE);
                Map<String, Object> loading = options.customers() == 0 ? Map.of()
                        : BenchCustomers.load(app.bean(CustomerContextStore.class), options.customers());
                endpoint = app.baseUri().resolve("/api/events");
                List<Long> correlated = new ArrayList<>();
                sequence.set(0); // a fresh engine: every phase sends the same events bench-0, bench-1, ...
                Map<String, Object> phase = runPhase(batchSize, counter, correlated);
                phase.put("applicationStartSeconds", round(app.startSeconds()));
                phase.put("customerLoading", loading);
                phases.add(phase);
                if (i == options.batchSizes().size() - 1) {
                    duplicates = checkDuplicates(app.client(), counter, correlated);
                }
            }
        }
        write(engine, phases, duplicates);
    }

    // --- one phase: clients in a closed loop -----------------------------------------------------------------------

    /**
     * What the clients of one phase saw. Rates and latencies count the requests answered inside the measurement window
     * (in a closed loop, completions per second is the throughput; a request sent before the window and answered in
     * it counts, one answered after it does not). Every accepted event, window or not, is kept for the correlation check.
     */
    private static final class Tally {
        final Recorder latency = new Recorder(3);
        final AtomicLong requests = new AtomicLong();
        final AtomicLong httpErrors = new AtomicLong();
        final Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
        final List<List<Long>> acceptedPerClient = new ArrayList<>();
        final AtomicLong lastAcceptedAtMillis = new AtomicLong();

        long status(String status) {
            AtomicLong count = statuses.get(status);
            return count == null ? 0 : count.get();
        }
    }

    /** Runs one batch size; adds the accepted events the engine reflected to {@code correlated}. */
    private Map<String, Object> runPhase(int batchSize, InstanceCounter counter, List<Long> correlated) throws Exception {
        String name = "batch " + batchSize;
        Tally tally = new Tally();
        long begin = System.nanoTime() + options.warmup().toNanos();
        long end = begin + options.duration().toNanos();
        log(name + ": " + options.clients() + " clients, warm-up " + options.warmup().toSeconds() + " s, then measuring "
                + options.duration().toSeconds() + " s");
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int c = 0; c < options.clients(); c++) {
            List<Long> accepted = new ArrayList<>();
            tally.acceptedPerClient.add(accepted);
            clients.add(CompletableFuture.runAsync(() -> client(batchSize, begin, end, tally, accepted),
                    runnable -> Thread.ofPlatform().name("bench-ingress-client").start(runnable)));
        }
        sleepUntil(begin);
        JfrWindow jfr = JfrWindow.start(options.jfr(), "touchpoint-bench-ingress-" + batchSize);
        ResourceSampler resources = ResourceSampler.start();
        long recordsBefore = counter.records();
        long beginMillis = System.currentTimeMillis();
        sleepUntil(end);
        long endMillis = System.currentTimeMillis();
        Map<String, Object> resourceFigures = resources.stop();
        long recordsAfter = counter.records();
        jfr.stop(options.out().resolve("ingress-batch-" + batchSize + ".jfr"));
        CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).join();

        double seconds = options.duration().toNanos() / 1e9;
        List<Long> accepted = new ArrayList<>();
        tally.acceptedPerClient.forEach(accepted::addAll);
        Map<String, Object> correlation = correlate(name, accepted, counter, beginMillis, endMillis, seconds,
                tally.lastAcceptedAtMillis.get(), correlated);

        long eventsAnswered = tally.statuses.values().stream().mapToLong(AtomicLong::get).sum();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("batchSize", batchSize);
        result.put("clients", options.clients());
        result.put("seconds", round(seconds));
        result.put("requests", tally.requests.get());
        result.put("requestsPerSecond", perSecond(tally.requests.get(), seconds));
        result.put("events", eventsAnswered);
        Map<String, Object> statuses = new LinkedHashMap<>();
        for (String status : List.of("ACCEPTED", "DUPLICATE", "REJECTED", "BUSY")) {
            statuses.put(status, tally.status(status));
        }
        result.put("eventStatuses", statuses);
        result.put("httpErrors", tally.httpErrors.get());
        result.put("eventsAcceptedPerSecond", perSecond(tally.status("ACCEPTED"), seconds));
        result.put("requestLatency", BenchReport.latency(tally.latency.getIntervalHistogram()));
        result.put("correlation", correlation);
        long createdInWindow = ((Number) correlation.get("instancesCreatedInWindow")).longValue();
        if (createdInWindow > 0) {
            result.put("engineRecordsPerInstance", round((recordsAfter - recordsBefore) / (double) createdInWindow));
        }
        result.put("resources", resourceFigures);
        @SuppressWarnings("unchecked")
        Map<String, Object> latency = (Map<String, Object>) result.get("requestLatency");
        log(String.format(Locale.ROOT, "%s: %.1f requests/s, %.1f events/s accepted, %s events/s correlated, "
                        + "request p50 %s ms p99 %s ms", name, tally.requests.get() / seconds, tally.status("ACCEPTED") / seconds,
                correlation.get("eventsCorrelatedPerSecond"), latency.get("p50Ms"), latency.get("p99Ms")));
        return result;
    }

    /** One client: sends batches until {@code end}; counts the answers that arrive between {@code begin} and {@code end}. */
    private void client(int batchSize, long begin, long end, Tally tally, List<Long> accepted) {
        while (System.nanoTime() < end) {
            long first = sequence.getAndAdd(batchSize);
            byte[] body = events.body(events.range(first, batchSize));
            long sent = System.nanoTime();
            String[] statuses;
            try {
                HttpResponse<byte[]> response = http.send(request(body), HttpResponse.BodyHandlers.ofByteArray());
                statuses = response.statusCode() == 202 || response.statusCode() == 400 || response.statusCode() == 503
                        ? statuses(json.readTree(response.body()), batchSize) : null;
            } catch (IOException e) {
                statuses = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long answered = System.nanoTime();
            boolean measured = answered >= begin && answered <= end;
            if (measured) {
                tally.requests.incrementAndGet();
                tally.latency.recordValue(Math.max(0, answered - sent) / 1_000);
                if (statuses == null) {
                    tally.httpErrors.incrementAndGet();
                }
            }
            if (statuses == null) {
                continue;
            }
            for (int i = 0; i < statuses.length; i++) {
                String status = statuses[i] == null ? "MISSING" : statuses[i];
                if (measured) {
                    tally.statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                }
                if (status.equals("ACCEPTED")) {
                    accepted.add(first + i);
                    tally.lastAcceptedAtMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
                }
            }
        }
    }

    private HttpRequest request(byte[] body) {
        return HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header(SOURCE_HEADER, SOURCE)
                .header(API_KEY_HEADER, apiKey)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** The per-event statuses of an answer of {@code POST /api/events}, by the index of the event in the request. */
    static String[] statuses(JsonNode answer, int events) {
        String[] statuses = new String[events];
        for (JsonNode result : answer.path("results")) {
            int index = result.path("index").asInt(-1);
            if (index >= 0 && index < events) {
                statuses[index] = result.path("status").asText(null);
            }
        }
        return statuses;
    }

    /**
     * Waits (up to {@code --settle}) until every event accepted in the phase (warm-up included) is reflected by a
     * created instance, then counts the instances created within the window: the engine's side of the throughput.
     */
    private Map<String, Object> correlate(String name, List<Long> accepted, InstanceCounter counter, long beginMillis,
                                          long endMillis, double seconds, long lastAcceptedAtMillis,
                                          List<Long> correlatedEvents) throws InterruptedException {
        List<Long> pending = new ArrayList<>(accepted);
        long deadline = System.nanoTime() + options.settle().toNanos();
        while (true) {
            counter.refresh();
            pending.removeIf(n -> counter.starts(IngressEvents.PROCESS, events.customerId(n)) != null);
            if (pending.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(200); // the counter reads the record stream every 200 ms
        }
        long inWindow = 0;
        long moreThanOne = 0;
        long last = 0;
        for (long n : accepted) {
            InstanceCounter.Starts starts = counter.starts(IngressEvents.PROCESS, events.customerId(n));
            if (starts == null) {
                continue;
            }
            correlatedEvents.add(n);
            if (starts.instances() > 1) {
                moreThanOne++;
            }
            if (starts.firstCreatedAtMillis() >= beginMillis && starts.firstCreatedAtMillis() <= endMillis) {
                inWindow++;
            }
            last = Math.max(last, starts.firstCreatedAtMillis());
        }
        if (!pending.isEmpty()) {
            log(name + ": " + pending.size() + " accepted events not reflected by an instance after " + options.settle().toSeconds() + " s");
        }
        Map<String, Object> correlation = new LinkedHashMap<>();
        correlation.put("acceptedEvents", accepted.size());
        correlation.put("reflectedByAnInstance", accepted.size() - pending.size());
        correlation.put("notReflectedAfterSettle", pending.size());
        correlation.put("customersWithMoreThanOneInstance", moreThanOne);
        correlation.put("instancesCreatedInWindow", inWindow);
        correlation.put("eventsCorrelatedPerSecond", perSecond(inWindow, seconds));
        correlation.put("lastInstanceAfterLastAcceptMs", last == 0 ? null : last - lastAcceptedAtMillis);
        return correlation;
    }

    // --- duplicates ------------------------------------------------------------------------------------------------

    /**
     * Posts a sample of accepted events again, same body and idempotency key, after cancelling the instance each
     * started: with the instance gone, a message correlated a second time would start a new one. A control group
     * (same treatment, new idempotency keys) must start new instances, which shows the check can see one.
     */
    private Map<String, Object> checkDuplicates(CamundaClient client, InstanceCounter counter, List<Long> correlated)
            throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        if (options.duplicates() == 0 || correlated.isEmpty()) {
            result.put("skipped", options.duplicates() == 0 ? "--duplicates=0" : "no correlated event to repeat");
            return result;
        }
        List<Long> sample = sample(correlated, options.duplicates() + Math.max(1, options.duplicates() / 10));
        int controls = Math.max(1, sample.size() / 11);
        List<Long> repeated = sample.subList(0, sample.size() - controls);
        List<Long> control = sample.subList(sample.size() - controls, sample.size());
        log("duplicates: cancelling " + sample.size() + " instances, posting " + repeated.size()
                + " accepted events again and " + control.size() + " control events under new keys");
        for (long n : sample) {
            long key = counter.starts(IngressEvents.PROCESS, events.customerId(n)).firstInstanceKey();
            client.newCancelInstanceCommand(key).requestTimeout(Duration.ofMinutes(1)).send().join();
        }

        int batch = options.batchSizes().stream().mapToInt(Integer::intValue).max().orElse(1);
        Map<String, Long> repeatedStatuses = post(repeated, batch, n -> events.event(n));
        Map<String, Long> controlStatuses = post(control, batch, n -> events.event(n, events.idempotencyKey(n) + "-control"));

        // the engine processes commands in order: once the control instances exist, any instance a repeated event
        // could have started exists too
        long deadline = System.nanoTime() + options.settle().toNanos();
        long controlStarted;
        do {
            Thread.sleep(200); // the counter reads the record stream every 200 ms
            counter.refresh();
            controlStarted = control.stream()
                    .filter(n -> counter.starts(IngressEvents.PROCESS, events.customerId(n)).instances() > 1).count();
        } while (controlStarted < control.size() && System.nanoTime() < deadline);

        long secondInstances = 0;
        long republished = 0;
        for (long n : repeated) {
            secondInstances += counter.starts(IngressEvents.PROCESS, events.customerId(n)).instances() - 1;
            if (counter.published(IngressEvents.MESSAGE, events.idempotencyKey(n)) > 1) {
                republished++;
            }
        }
        result.put("posted", repeated.size());
        result.put("answers", repeatedStatuses);
        result.put("duplicatesCorrelated", secondInstances);
        result.put("messagesPublishedTwice", republished);
        result.put("controlPosted", control.size());
        result.put("controlAnswers", controlStatuses);
        result.put("controlInstancesStarted", controlStarted);
        log(String.format(Locale.ROOT, "duplicates: %d posted again, answers %s, duplicates correlated: %d, "
                        + "messages published twice: %d; control %d/%d started",
                repeated.size(), repeatedStatuses, secondInstances, republished, controlStarted, control.size()));
        return result;
    }

    private Map<String, Long> post(List<Long> numbers, int batch, java.util.function.LongFunction<ObjectNode> event)
            throws IOException, InterruptedException {
        Map<String, Long> statuses = new LinkedHashMap<>();
        for (int from = 0; from < numbers.size(); from += batch) {
            List<Long> part = numbers.subList(from, Math.min(numbers.size(), from + batch));
            List<ObjectNode> body = part.stream().map(event::apply).toList();
            HttpResponse<byte[]> response = http.send(request(events.body(body)), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 202 && response.statusCode() != 400 && response.statusCode() != 503) {
                statuses.merge("HTTP " + response.statusCode(), (long) part.size(), Long::sum);
                continue;
            }
            for (String status : statuses(json.readTree(response.body()), part.size())) {
                statuses.merge(status == null ? "MISSING" : status, 1L, Long::sum);
            }
        }
        return statuses;
    }

    /** Up to {@code k} elements spread evenly over {@code all}, in order. */
    static List<Long> sample(List<Long> all, int k) {
        if (k >= all.size()) {
            return List.copyOf(all);
        }
        List<Long> sample = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            sample.add(all.get((int) ((long) i * all.size() / k)));
        }
        return sample;
    }

    // --- report ----------------------------------------------------------------------------------------------------

    private void write(String engine, List<Map<String, Object>> phases,
                       Map<String, Object> duplicates) throws IOException {
        ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("date", at.toString());
        document.put("machine", BenchReport.machine());
        document.put("engine", engine);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("event", IngressEvents.TYPE + " -> message " + IngressEvents.MESSAGE + " -> process " + IngressEvents.PROCESS);
        settings.put("clients", options.clients());
        settings.put("batchSizes", options.batchSizes());
        settings.put("warmupSeconds", options.warmup().toSeconds());
        settings.put("durationSeconds", options.duration().toSeconds());
        settings.put("customers", options.customers());
        settings.put("jobWorkers", "off");
        document.put("settings", settings);
        document.put("phases", phases);
        document.put("duplicates", duplicates);
        BenchReport.write(options.out(), "ingress", at, document, IngressReport.markdown(document, at));
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000)); // waiting out the warm-up / measurement window
        }
    }
}
