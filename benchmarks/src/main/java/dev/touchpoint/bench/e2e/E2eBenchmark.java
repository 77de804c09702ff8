package dev.touchpoint.bench.e2e;

import static dev.touchpoint.bench.support.BenchReport.log;
import static dev.touchpoint.bench.support.BenchReport.round;

import dev.touchpoint.bench.support.BenchApplication;
import dev.touchpoint.bench.support.BenchCustomers;
import dev.touchpoint.bench.support.BenchReport;
import dev.touchpoint.bench.support.InstanceCounter;
import dev.touchpoint.bench.support.JfrWindow;
import dev.touchpoint.bench.support.ResourceSampler;
import dev.touchpoint.context.CustomerContextStore;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

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
    private ProviderStubs stubs;
    private io.micrometer.core.instrument.MeterRegistry meters;

    private E2eBenchmark(E2eOptions options, List<String> appOverrides) {
        this.options = options;
        this.appOverrides = appOverrides;
    }

    public static void main(String[] args) throws Exception {
        BenchApplication.Arguments arguments = BenchApplication.split(args);
        E2eOptions options = E2eOptions.parse(arguments.ownArray());
        new E2eBenchmark(options, arguments.app()).run();
        System.exit(0); // the embedded engine leaves a non-daemon timer thread behind
    }

    private void run() throws Exception {
        Path data = BenchApplication.dataFolder(options.out());
        try (ProviderStubs providers = ProviderStubs.start(options, data, new ProviderStubs.Listener() {
            @Override
            public void email(String customerId, long receivedNanos, long delayMs) {
                onFirstTouch(customerId, receivedNanos, delayMs);
            }

            @Override
            public void push(String customerId, long receivedNanos) {
                onSecondTouch(customerId, receivedNanos);
            }
        })) {
            stubs = providers;
            log("provider stubs " + providers.where());
            try (BenchApplication app = BenchApplication.start(appSettings(data, providers), appOverrides)) {
                CamundaClient client = app.client();
                meters = app.bean(io.micrometer.core.instrument.MeterRegistry.class);
                InstanceCounter counter = options.countRecords() ? new InstanceCounter(app.engine()) : null;
                Map<String, Object> loading = Map.of();
                if (options.scenarios().contains("c1")) {
                    loading = BenchCustomers.load(app.bean(CustomerContextStore.class), options.customers());
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
                if (counter != null) {
                    counter.close();
                }
                Map<String, Map<String, Object>> summed = new LinkedHashMap<>();
                totals.forEach((name, total) -> summed.put(name, total.figures()));
                new E2eReport(options, app.engineMode(), loading, results, summed).write();
            }
        }
    }

    /** {@code BenchMain stubs ...}: the provider stubs in their own JVM (see {@link ProviderStubs}). */
    public static void stubs(String[] args) throws Exception {
        ProviderStubs.main(args);
    }

    // --- the application ------------------------------------------------------------------------------------------

    /** The isolated settings plus this benchmark's: budgets that keep every decision SEND, the adapters on the stubs. */
    private List<String> appSettings(Path dir, ProviderStubs providers) throws IOException {
        Path serviceAccount = providers.serviceAccount();
        List<String> settings = new ArrayList<>(BenchApplication.isolatedSettings(options.repository(), dir, options.gateway()));
        settings.addAll(List.of(
                // a bench customer takes part in a few journeys per run at most: 20 a day keeps every decision SEND (ledger: 200 >= 40 + 10)
                "touchpoint.context.budget.marketing-per-day=20",
                "touchpoint.context.budget.marketing-per-week=40",
                "touchpoint.context.budget.marketing-per-channel-per-day.EMAIL=20",
                "touchpoint.context.budget.marketing-per-channel-per-day.PUSH=20",
                "touchpoint.context.budget.marketing-per-channel-per-day.SMS=20",
                // the real adapters against the loopback stubs
                "touchpoint.channels.email.sandbox.enabled=false",
                "touchpoint.channels.email.smtp.host=127.0.0.1",
                "touchpoint.channels.email.smtp.port=" + providers.smtpPort(),
                "touchpoint.channels.email.smtp.tls-mode=none",
                "touchpoint.channels.email.smtp.pool-size=16",
                "touchpoint.channels.push.sandbox.enabled=false",
                "touchpoint.channels.push.fcm.credentials-location=file:" + serviceAccount,
                "touchpoint.channels.push.fcm.project-id=" + FcmStub.PROJECT,
                "touchpoint.channels.push.fcm.api-base-url=" + providers.fcmBaseUrl()));
        return settings;
    }

    private static String customerId(long i) {
        return BenchCustomers.id(i);
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
        JfrWindow jfr = JfrWindow.start(options.jfr(), "touchpoint-bench-" + name);
        boolean counting = counter != null && counter.available();
        ResourceSampler resources = ResourceSampler.start();
        long stubsCpuBefore = stubs.cpuNanos();
        double[] ledgerBefore = ledger();
        long completedBefore = counting ? counter.completed(processId) : 0;
        long recordsBefore = counting ? counter.records() : 0;
        loop.startMeasuring();
        long begin = System.nanoTime();
        loop.drive(begin + options.duration().toNanos(), unique, start, flightTimeout);
        long end = System.nanoTime();
        loop.stopMeasuring();
        long stubsCpuAfter = stubs.cpuNanos();
        double[] ledgerAfter = ledger();
        long completedAfter = counting ? counter.completed(processId) : 0;
        long recordsAfter = counting ? counter.records() : 0;
        Map<String, Object> resourceFigures = resources.stop();
        jfr.stop(options.out().resolve("e2e-" + name + ".jfr"));
        loop.drain(Duration.ofSeconds(30).toNanos());
        current.set(null);

        double seconds = (end - begin) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", name);
        result.put("description", description);
        result.put("seconds", round(seconds));
        result.put("concurrency", options.concurrency());
        result.put("journeysStarted", loop.started.get());
        long completed = counting ? completedAfter - completedBefore : loop.secondTouches.get();
        result.put("instancesCompleted", completed);
        result.put("instancesCompletedSource", counting ? "engine records" : "second touchpoint at provider");
        result.put("instancesPerSecond", round(completed / seconds));
        if (counting && completed > 0) {
            result.put("engineRecordsPerInstance", round((recordsAfter - recordsBefore) / (double) completed));
        }
        long touchpoints = loop.firstTouches.get() + loop.secondTouches.get();
        result.put("touchpoints", touchpoints);
        double appCpuSeconds = ((Number) resourceFigures.get("processCpuCores")).doubleValue() * seconds;
        double stubsCpuSeconds = stubsCpuBefore < 0 || stubsCpuAfter < 0 ? -1 : (stubsCpuAfter - stubsCpuBefore) / 1e9;
        result.put("stubs", stubs.where());
        double commits = ledgerAfter[0] - ledgerBefore[0];
        double entries = ledgerAfter[1] - ledgerBefore[1];
        if (touchpoints > 0 && commits > 0) {
            Map<String, Object> ledgerFigures = new LinkedHashMap<>();
            ledgerFigures.put("commitsPerTouchpoint", round(commits / touchpoints));
            ledgerFigures.put("entriesPerTouchpoint", round(entries / touchpoints));
            ledgerFigures.put("entriesPerCommit", round(entries / commits));
            ledgerFigures.put("commitMeanMs", round((ledgerAfter[2] - ledgerBefore[2]) / commits));
            ledgerFigures.put("writerBusyPercent", round(100 * (ledgerAfter[2] - ledgerBefore[2]) / 1000 / seconds));
            result.put("ledger", ledgerFigures);
        }
        result.put("cpuMsPerTouchpoint", touchpoints == 0 ? null : round(appCpuSeconds * 1000 / touchpoints));
        if (stubsCpuSeconds >= 0) {
            result.put("stubsCpuCores", round(stubsCpuSeconds / seconds));
            result.put("stubsCpuMsPerTouchpoint", touchpoints == 0 ? null : round(stubsCpuSeconds * 1000 / touchpoints));
        }
        result.put("touchpointsPerSecond", round((loop.firstTouches.get() + loop.secondTouches.get()) / seconds));
        org.HdrHistogram.Histogram firstHistogram = loop.first.getIntervalHistogram();
        org.HdrHistogram.Histogram secondHistogram = loop.second.getIntervalHistogram();
        total.add(seconds, completed, touchpoints, appCpuSeconds, firstHistogram, secondHistogram);
        Map<String, Object> firstLatency = new LinkedHashMap<>();
        BenchReport.forEachLatency(firstHistogram, (k, v) -> firstLatency.put(k, round(v)));
        Map<String, Object> secondLatency = new LinkedHashMap<>();
        BenchReport.forEachLatency(secondHistogram, (k, v) -> secondLatency.put(k, round(v)));
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

    /** The evidence ledger's writer so far: commits, entries committed, milliseconds spent committing. */
    private double[] ledger() {
        var commit = meters.find("touchpoint.ledger.commit").timer();
        var batch = meters.find("touchpoint.ledger.batch.entries").summary();
        if (commit == null || batch == null) {
            return new double[] {0, 0, 0};
        }
        return new double[] {commit.count(), batch.totalAmount(), commit.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)};
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
        private double cpuSeconds;
        private int runs;

        Totals(String scenario) {
            this.scenario = scenario;
        }

        void add(double runSeconds, long runInstances, long runTouchpoints, double runCpuSeconds,
                 org.HdrHistogram.Histogram runFirst, org.HdrHistogram.Histogram runSecond) {
            seconds += runSeconds;
            cpuSeconds += runCpuSeconds;
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
            figures.put("cpuMsPerTouchpoint", touchpoints == 0 ? null : round(cpuSeconds * 1000 / touchpoints));
            Map<String, Object> firstLatency = new LinkedHashMap<>();
            BenchReport.forEachLatency(first, (k, v) -> firstLatency.put(k, round(v)));
            Map<String, Object> secondLatency = new LinkedHashMap<>();
            BenchReport.forEachLatency(second, (k, v) -> secondLatency.put(k, round(v)));
            figures.put("firstTouchpointLatency", firstLatency);
            figures.put("secondTouchpointLatency", secondLatency);
            return figures;
        }
    }
}
