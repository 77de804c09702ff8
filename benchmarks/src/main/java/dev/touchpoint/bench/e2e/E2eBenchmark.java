package dev.touchpoint.bench.e2e;

import dev.touchpoint.TouchpointApplication;
import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.context.ContactChannel;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.engine.EngineRuntime;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * End-to-end load driver: starts the real Touchpoint application in this JVM (embedded engine or a remote gateway),
 * loads customers into the context, and runs, one after the other on the same engine,
 * <ul>
 *   <li><b>C0 (ceiling)</b>: a process of the same shape as the {@code welcome} journey (message start, the email
 *       service task with the same input mappings, the event-based gateway waiting for {@code app.installed} or a
 *       2-day timer, the push task) whose jobs are completed at once by no-op workers; and</li>
 *   <li><b>C1 (Touchpoint pipeline)</b>: the real {@code welcome} journey with the real touchpoint workers (context
 *       decision, rendering, evidence ledger) and the real email (SMTP) and push (FCM HTTP v1) adapters, against
 *       loopback provider stubs that answer after 20-50 ms.</li>
 * </ul>
 * Each journey: publish {@code customer.signed-up}; when the first touchpoint reaches its provider, publish
 * {@code app.installed}; the journey is done when the push reaches its provider. {@code concurrency} journeys are
 * kept in flight. Prints a table and writes {@code e2e-<time>.json} and {@code .md} to the results folder.
 */
public final class E2eBenchmark {

    static final String C0_PROCESS = "bench-c0-welcome-shape";

    private final E2eOptions options;
    private final List<String> appOverrides;
    private final AtomicReference<ClosedLoop> current = new AtomicReference<>();
    private final AtomicLong sequence = new AtomicLong();

    private E2eBenchmark(E2eOptions options, List<String> appOverrides) {
        this.options = options;
        this.appOverrides = appOverrides;
    }

    public static void main(String[] args) throws Exception {
        List<String> own = new ArrayList<>();
        List<String> app = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--spring.") || arg.startsWith("--touchpoint.") || arg.startsWith("--camunda.")
                    || arg.startsWith("--logging.")) {
                app.add(arg);
            } else {
                own.add(arg);
            }
        }
        E2eOptions options = E2eOptions.parse(own.toArray(String[]::new));
        new E2eBenchmark(options, app).run();
        System.exit(0); // the embedded engine leaves a non-daemon timer thread behind
    }

    private void run() throws Exception {
        Files.createDirectories(options.out());
        Path data = Files.createTempDirectory("touchpoint-bench-");
        log("data folder " + data + ", results to " + options.out());
        try (DelayingSmtpServer smtp = new DelayingSmtpServer(options.smtpMinDelayMs(), options.smtpMaxDelayMs(),
                     (recipient, nanos, delay) -> onFirstTouch(recipient.substring(0, recipient.indexOf('@')), nanos, delay));
             FcmStub fcm = new FcmStub(options.fcmMinDelayMs(), options.fcmMaxDelayMs(),
                     (token, nanos) -> onSecondTouch(token.startsWith("tok-") ? token.substring(4) : token, nanos))) {
            long startedAt = System.nanoTime();
            ConfigurableApplicationContext app = new SpringApplicationBuilder(TouchpointApplication.class)
                    .web(WebApplicationType.SERVLET)
                    .run(appArguments(data, smtp.port(), fcm));
            log(String.format(Locale.ROOT, "application started in %.1f s", (System.nanoTime() - startedAt) / 1e9));
            try {
                CamundaClient client = app.getBean(CamundaClient.class);
                EngineRuntime engine = app.getBean(EngineRuntime.class);
                InstanceCounter counter = new InstanceCounter(engine);
                Map<String, Object> loading = Map.of();
                if (options.scenarios().contains("c1")) {
                    loading = loadCustomers(app.getBean(CustomerContextStore.class));
                }
                Map<String, Map<String, Object>> results = new LinkedHashMap<>();
                Map<String, Totals> totals = new LinkedHashMap<>();
                Map<String, Integer> rounds = new LinkedHashMap<>();
                for (String scenario : options.scenarios()) {
                    int round = rounds.merge(scenario, 1, Integer::sum);
                    Totals total = totals.computeIfAbsent(scenario, Totals::new);
                    Map<String, Object> result = scenario.equals("c0") ? runC0(client, counter, total) : runC1(client, counter, total);
                    boolean repeated = options.scenarios().stream().filter(scenario::equals).count() > 1;
                    result.put("run", repeated ? scenario + "-" + round : scenario);
                    results.put(repeated ? scenario + "-" + round : scenario, result);
                }
                counter.close();
                Map<String, Map<String, Object>> summed = new LinkedHashMap<>();
                totals.forEach((name, total) -> summed.put(name, total.figures()));
                new E2eReport(options, engine.mode().name().toLowerCase(Locale.ROOT), loading, results, summed).write();
            } finally {
                app.close();
            }
        }
    }

    // --- the application ------------------------------------------------------------------------------------------

    private String[] appArguments(Path dir, int smtpPort, FcmStub fcm) throws IOException {
        int hazelcastPort = freePort();
        Path serviceAccount = fcm.writeServiceAccount(dir);
        Map<String, String> byKey = new LinkedHashMap<>();
        List<String> settings = new ArrayList<>(List.of(
                "touchpoint.home=" + options.repository(),
                "spring.config.additional-location=optional:file:" + options.repository().resolve("config") + "/",
                "spring.main.banner-mode=off",
                "server.port=0",
                "logging.level.root=WARN",
                "logging.level.dev.touchpoint=WARN",
                // isolated like the integration tests: own database, Hazelcast cluster, credentials, secrets
                "spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "/touchpoint;DB_CLOSE_ON_EXIT=FALSE",
                "spring.datasource.username=sa",
                "spring.datasource.password=",
                "touchpoint.context.hazelcast.mode=member",
                "touchpoint.context.hazelcast.config=" + dir.resolve("no-such-hazelcast.yaml"),
                "touchpoint.context.hazelcast.cluster-name=bench-" + UUID.randomUUID(),
                "touchpoint.context.hazelcast.port=" + hazelcastPort,
                "touchpoint.context.hazelcast.members=127.0.0.1:" + hazelcastPort,
                "touchpoint.context.hazelcast.split-brain-minimum-size=1",
                "touchpoint.context.samples.enabled=false",
                "touchpoint.security.credentials-file=" + dir.resolve("credentials"),
                "touchpoint.delivery.signing-secret-file=" + dir.resolve("signing-secret"),
                "touchpoint.journeys.location=" + options.repository().resolve("workflows"),
                // a bench customer takes part in a few journeys per run at most: 20 a day keeps every decision SEND (ledger: 200 >= 40 + 10)
                "touchpoint.context.budget.marketing-per-day=20",
                "touchpoint.context.budget.marketing-per-week=40",
                "touchpoint.context.budget.marketing-per-channel-per-day.EMAIL=20",
                "touchpoint.context.budget.marketing-per-channel-per-day.PUSH=20",
                "touchpoint.context.budget.marketing-per-channel-per-day.SMS=20",
                // the real adapters against the loopback stubs
                "touchpoint.channels.email.sandbox.enabled=false",
                "touchpoint.channels.email.smtp.host=127.0.0.1",
                "touchpoint.channels.email.smtp.port=" + smtpPort,
                "touchpoint.channels.email.smtp.tls-mode=none",
                "touchpoint.channels.email.smtp.pool-size=16",
                "touchpoint.channels.push.sandbox.enabled=false",
                "touchpoint.channels.push.fcm.credentials-location=file:" + serviceAccount,
                "touchpoint.channels.push.fcm.project-id=" + FcmStub.PROJECT,
                "touchpoint.channels.push.fcm.api-base-url=" + fcm.baseUrl()));
        if (options.gateway() == null) {
            settings.add("touchpoint.engine.mode=embedded");
            settings.add("touchpoint.engine.embedded.port=" + freePort());
        } else {
            settings.add("touchpoint.engine.mode=remote");
            settings.add("camunda.client.grpc-address=" + options.gateway());
            settings.add("camunda.client.prefer-rest-over-grpc=false");
            settings.add("camunda.client.auth.method=none");
            settings.add("touchpoint.ledger.process-history.enabled=false");
        }
        for (String property : settings) {
            byKey.put(property.substring(0, property.indexOf('=')), "--" + property);
        }
        for (String override : appOverrides) {
            byKey.put(override.substring(2, override.contains("=") ? override.indexOf('=') : override.length()), override);
        }
        return byKey.values().toArray(String[]::new);
    }

    private Map<String, Object> loadCustomers(CustomerContextStore store) throws Exception {
        ZoneId midday = zoneWhereItIs(12);
        Locale[] locales = {Locale.ENGLISH, Locale.GERMAN, Locale.forLanguageTag("zh-Hant"), Locale.forLanguageTag("zh-Hans")};
        int threads = Math.max(4, Runtime.getRuntime().availableProcessors() * 4);
        long started = System.nanoTime();
        AtomicLong done = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    for (int i = first; i < options.customers(); i += threads) {
                        String id = customerId(i);
                        store.upsert(new CustomerProfile(id, "Bench", "Customer " + i, locales[i % locales.length],
                                midday, id + "@bench.example", String.format(Locale.ROOT, "+4915%09d", i),
                                List.of("tok-" + id), i % 3 == 0 ? "gold" : "silver", "berlin-mitte",
                                Map.of("segment", "bench"), ChannelPreferences.NONE, null));
                        var now = java.time.Instant.now();
                        store.recordConsents(id, List.of(
                                new ConsentChange(id, ContactChannel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED,
                                        ConsentSource.API, "benchmark", now),
                                new ConsentChange(id, ContactChannel.PUSH, Purpose.MARKETING, ConsentStatus.GRANTED,
                                        ConsentSource.API, "benchmark", now)), List.of());
                        long n = done.incrementAndGet();
                        if (n % 20_000 == 0) {
                            log("loaded " + n + " customers");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        log(String.format(Locale.ROOT, "loaded %d customers (profile + 2 consents each) in %.1f s (%.0f/s)",
                options.customers(), seconds, options.customers() / seconds));
        Map<String, Object> loading = new LinkedHashMap<>();
        loading.put("customers", options.customers());
        loading.put("seconds", Math.round(seconds * 10) / 10.0);
        loading.put("customersPerSecond", Math.round(options.customers() / seconds));
        return loading;
    }

    private String customerId(long i) {
        return "bench-" + i;
    }

    // --- the scenarios --------------------------------------------------------------------------------------------

    private Map<String, Object> runC0(CamundaClient client, InstanceCounter counter, Totals total) throws Exception {
        BpmnModelInstance shape = welcomeShape();
        client.newDeployResourceCommand().addProcessModel(shape, C0_PROCESS + ".bpmn").send().join();
        ClosedLoop loop = new ClosedLoop(options.concurrency());
        loop.followUpWith((key, onFailure) -> publish(client, "bench.c0.app-installed", key, Map.of(), Duration.ofMinutes(1), onFailure));
        List<JobWorker> workers = List.of(
                noOpWorker(client, "bench.c0.email", job -> onFirstTouch(key(job), System.nanoTime(), 0)),
                noOpWorker(client, "bench.c0.push", job -> onSecondTouch(key(job), System.nanoTime())),
                noOpWorker(client, "bench.c0.sms", job -> { }));
        try {
            return measure("c0", "no-op workers on the welcome journey's shape (" + C0_PROCESS + ")", loop, counter, total,
                    C0_PROCESS, key -> publish(client, "bench.c0.signed-up", key, startVariables(key), Duration.ZERO, null),
                    n -> "c0-" + n);
        } finally {
            workers.forEach(JobWorker::close);
        }
    }

    private Map<String, Object> runC1(CamundaClient client, InstanceCounter counter, Totals total) throws Exception {
        ClosedLoop loop = new ClosedLoop(options.concurrency());
        loop.followUpWith((key, onFailure) -> publish(client, "app.installed", key, Map.of(), Duration.ofMinutes(1), onFailure));
        return measure("c1", "the welcome journey: real workers, context, rendering, SMTP + FCM adapters; stubs "
                        + options.smtpDelay() + " (SMTP), " + options.fcmDelay() + " (FCM)", loop, counter, total, "welcome",
                key -> publish(client, "customer.signed-up", key, startVariables(key), Duration.ZERO, null),
                n -> customerId(n % options.customers()));
    }

    @FunctionalInterface
    private interface Starter {
        java.util.concurrent.CompletionStage<?> start(String key);
    }

    private Map<String, Object> measure(String name, String description, ClosedLoop loop, InstanceCounter counter,
                                        Totals total, String processId, Starter starter, java.util.function.LongFunction<String> keys)
            throws Exception {
        current.set(loop);
        ClosedLoop.Publisher start = (key, onFailure) -> starter.start(key).whenComplete((ok, error) -> {
            if (error != null) {
                onFailure.run();
            }
        });
        java.util.function.LongFunction<String> unique = ignored -> keys.apply(sequence.getAndIncrement());
        long flightTimeout = Duration.ofSeconds(30).toNanos();
        log(name + ": warm-up " + options.warmup().toSeconds() + " s");
        loop.drive(System.nanoTime() + options.warmup().toNanos(), unique, start, flightTimeout);

        log(name + ": measuring " + options.duration().toSeconds() + " s at concurrency " + options.concurrency());
        Recording jfr = null;
        if (options.jfr()) {
            jfr = new Recording(Configuration.getConfiguration("profile"));
            jfr.setName("touchpoint-bench-" + name);
            jfr.start();
        }
        ResourceSampler resources = ResourceSampler.start();
        long completedBefore = counter.completed(processId);
        long recordsBefore = counter.records();
        loop.startMeasuring();
        long begin = System.nanoTime();
        loop.drive(begin + options.duration().toNanos(), unique, start, flightTimeout);
        long end = System.nanoTime();
        loop.stopMeasuring();
        long completedAfter = counter.completed(processId);
        long recordsAfter = counter.records();
        Map<String, Object> resourceFigures = resources.stop();
        if (jfr != null) {
            Path file = options.out().resolve("e2e-" + name + ".jfr");
            jfr.dump(file);
            jfr.close();
            log(name + ": JFR profile written to " + file);
        }
        loop.drain(Duration.ofSeconds(30).toNanos());
        current.set(null);

        double seconds = (end - begin) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", name);
        result.put("description", description);
        result.put("seconds", round(seconds));
        result.put("concurrency", options.concurrency());
        result.put("journeysStarted", loop.started.get());
        long completed = counter.available() ? completedAfter - completedBefore : loop.secondTouches.get();
        result.put("instancesCompleted", completed);
        result.put("instancesCompletedSource", counter.available() ? "engine records" : "second touchpoint at provider");
        result.put("instancesPerSecond", round(completed / seconds));
        if (counter.available() && completed > 0) {
            result.put("engineRecordsPerInstance", round((recordsAfter - recordsBefore) / (double) completed));
        }
        result.put("touchpoints", loop.firstTouches.get() + loop.secondTouches.get());
        result.put("touchpointsPerSecond", round((loop.firstTouches.get() + loop.secondTouches.get()) / seconds));
        org.HdrHistogram.Histogram firstHistogram = loop.first.getIntervalHistogram();
        org.HdrHistogram.Histogram secondHistogram = loop.second.getIntervalHistogram();
        total.add(seconds, completed, loop.firstTouches.get() + loop.secondTouches.get(), firstHistogram, secondHistogram);
        Map<String, Object> firstLatency = new LinkedHashMap<>();
        ClosedLoop.forEachLatency(firstHistogram, (k, v) -> firstLatency.put(k, round(v)));
        Map<String, Object> secondLatency = new LinkedHashMap<>();
        ClosedLoop.forEachLatency(secondHistogram, (k, v) -> secondLatency.put(k, round(v)));
        result.put("firstTouchpointLatency", firstLatency);
        result.put("secondTouchpointLatency", secondLatency);
        result.put("lostJourneys", loop.lost.get());
        result.put("publishFailures", loop.publishFailures.get());
        result.put("resources", resourceFigures);
        log(String.format(Locale.ROOT, "%s: %.1f instances/s, %.1f touchpoints/s, first touchpoint p50 %.2f ms p99 %.2f ms",
                name, completed / seconds, (loop.firstTouches.get() + loop.secondTouches.get()) / seconds,
                firstLatency.get("p50Ms"), firstLatency.get("p99Ms")));
        return result;
    }

    private void onFirstTouch(String key, long nanos, long providerDelayMs) {
        ClosedLoop loop = current.get();
        if (loop != null) {
            loop.firstTouch(key, nanos, providerDelayMs);
        }
    }

    private void onSecondTouch(String key, long nanos) {
        ClosedLoop loop = current.get();
        if (loop != null) {
            loop.secondTouch(key, nanos);
        }
    }

    private static String key(io.camunda.client.api.response.ActivatedJob job) {
        return String.valueOf(job.getVariablesAsMap().get("customerId"));
    }

    private static JobWorker noOpWorker(CamundaClient client, String type,
                                        java.util.function.Consumer<io.camunda.client.api.response.ActivatedJob> touched) {
        return client.newWorker().jobType(type)
                .handler((jobClient, job) -> {
                    touched.accept(job);
                    jobClient.newCompleteCommand(job.getKey()).send();
                })
                .maxJobsActive(32).timeout(Duration.ofSeconds(60)).streamEnabled(true).pollInterval(Duration.ofSeconds(1))
                .fetchVariables("customerId")
                .open();
    }

    private static java.util.concurrent.CompletionStage<?> publish(CamundaClient client, String message, String key,
                                                                     Map<String, Object> variables, Duration ttl,
                                                                     Runnable onFailure) {
        var future = client.newPublishMessageCommand().messageName(message).correlationKey(key)
                .variables(variables).timeToLive(ttl).send();
        if (onFailure != null) {
            future.whenComplete((ok, error) -> {
                if (error != null) {
                    onFailure.run();
                }
            });
        }
        return future;
    }

    private static Map<String, Object> startVariables(String customerId) {
        return Map.of("customerId", customerId, "offerCode", "WELCOME15", "offerPercent", 15,
                "offerExpires", LocalDate.now().plusDays(30).toString());
    }

    /** The welcome journey's shape with no-op job types: the same tasks, input mappings, gateway and waits. */
    static BpmnModelInstance welcomeShape() {
        String templateVariables = "={offerCode: offerCode, offerPercent: offerPercent, offerExpires: offerExpires}";
        return Bpmn.createExecutableProcess(C0_PROCESS)
                .startEvent("customer-signed-up").message("bench.c0.signed-up")
                .serviceTask("send-welcome-email", t -> t.zeebeJobType("bench.c0.email").zeebeJobRetries("3")
                        .zeebeInputExpression("customerId", "customerId")
                        .zeebeInput(templateVariables, "templateVariables")
                        .zeebeTaskHeader("templateId", "welcome").zeebeTaskHeader("resultVariable", "welcomeEmail"))
                .exclusiveGateway("welcome-email-handled")
                .eventBasedGateway("wait-for-app-install")
                .intermediateCatchEvent("app-installed")
                .message(m -> m.name("bench.c0.app-installed").zeebeCorrelationKeyExpression("customerId"))
                .serviceTask("send-welcome-push", t -> t.zeebeJobType("bench.c0.push").zeebeJobRetries("3")
                        .zeebeInputExpression("customerId", "customerId")
                        .zeebeInput(templateVariables, "templateVariables")
                        .zeebeTaskHeader("templateId", "welcome").zeebeTaskHeader("resultVariable", "welcomePush"))
                .endEvent("welcomed-by-push")
                .moveToNode("wait-for-app-install")
                .intermediateCatchEvent("two-days-without-app").timerWithDuration("P2D")
                .exclusiveGateway("welcome-sms-needed")
                .serviceTask("send-welcome-sms", t -> t.zeebeJobType("bench.c0.sms").zeebeJobRetries("3")
                        .zeebeInputExpression("customerId", "customerId"))
                .endEvent("welcomed-by-sms")
                .done();
    }

    /** One scenario over all its runs: summed counts and merged latency histograms. */
    static final class Totals {
        private final String scenario;
        private final org.HdrHistogram.Histogram first = new org.HdrHistogram.Histogram(3);
        private final org.HdrHistogram.Histogram second = new org.HdrHistogram.Histogram(3);
        private double seconds;
        private long instances;
        private long touchpoints;
        private int runs;

        Totals(String scenario) {
            this.scenario = scenario;
        }

        void add(double runSeconds, long runInstances, long runTouchpoints, org.HdrHistogram.Histogram runFirst,
                 org.HdrHistogram.Histogram runSecond) {
            seconds += runSeconds;
            instances += runInstances;
            touchpoints += runTouchpoints;
            first.add(runFirst);
            second.add(runSecond);
            runs++;
        }

        Map<String, Object> figures() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("scenario", scenario);
            figures.put("runs", runs);
            figures.put("seconds", round(seconds));
            figures.put("instancesCompleted", instances);
            figures.put("instancesPerSecond", round(instances / seconds));
            figures.put("touchpointsPerSecond", round(touchpoints / seconds));
            Map<String, Object> firstLatency = new LinkedHashMap<>();
            ClosedLoop.forEachLatency(first, (k, v) -> firstLatency.put(k, round(v)));
            Map<String, Object> secondLatency = new LinkedHashMap<>();
            ClosedLoop.forEachLatency(second, (k, v) -> secondLatency.put(k, round(v)));
            figures.put("firstTouchpointLatency", firstLatency);
            figures.put("secondTouchpointLatency", secondLatency);
            return figures;
        }
    }

    static ZoneId zoneWhereItIs(int hour) {
        int offset = hour - ZonedDateTime.now(ZoneOffset.UTC).getHour();
        if (offset > 14) {
            offset -= 24;
        }
        if (offset < -12) {
            offset += 24;
        }
        return ZoneOffset.ofHours(offset);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static void log(String message) {
        System.err.println("[bench] " + message);
    }
}
