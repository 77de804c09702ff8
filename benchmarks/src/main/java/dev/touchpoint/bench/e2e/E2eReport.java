package dev.touchpoint.bench.e2e;

import dev.touchpoint.bench.support.BenchReport;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The results of one end-to-end run: a table on standard output, {@code e2e-<time>.json} and {@code .md}. */
final class E2eReport {

    private final E2eOptions options;
    private final String engine;
    private final Map<String, Object> loading;
    private final Map<String, Map<String, Object>> results;
    private final Map<String, Map<String, Object>> totals;
    private final ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC);

    E2eReport(E2eOptions options, String engine, Map<String, Object> loading, Map<String, Map<String, Object>> results,
              Map<String, Map<String, Object>> totals) {
        this.totals = totals;
        this.options = options;
        this.engine = engine;
        this.loading = loading;
        this.results = results;
    }

    void write() throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("date", at.toString());
        document.put("machine", BenchReport.machine());
        document.put("engine", engine + (options.gateway() == null ? "" : " " + options.gateway()));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("warmupSeconds", options.warmup().toSeconds());
        settings.put("durationSeconds", options.duration().toSeconds());
        settings.put("concurrency", options.concurrency());
        settings.put("customers", options.customers());
        settings.put("smtpDelay", options.smtpDelay());
        settings.put("fcmDelay", options.fcmDelay());
        document.put("settings", settings);
        document.put("customerLoading", loading);
        document.put("runs", results);
        document.put("scenarios", totals);
        Map<String, Object> comparison = comparison();
        if (!comparison.isEmpty()) {
            document.put("comparison", comparison);
        }
        BenchReport.write(options.out(), "e2e", at, document, markdown(document));
    }

    private Map<String, Object> comparison() {
        Map<String, Object> c0 = totals.get("c0");
        Map<String, Object> c1 = totals.get("c1");
        Map<String, Object> comparison = new LinkedHashMap<>();
        if (c0 == null || c1 == null) {
            return comparison;
        }
        double r0 = ((Number) c0.get("instancesPerSecond")).doubleValue();
        double r1 = ((Number) c1.get("instancesPerSecond")).doubleValue();
        comparison.put("c1OverC0InstancesPerSecond", r0 == 0 ? null : BenchReport.round(r1 / r0));
        if (c0.get("cpuMsPerTouchpoint") instanceof Number cpu0 && c1.get("cpuMsPerTouchpoint") instanceof Number cpu1) {
            // the pipeline's CPU per touchpoint: what C1 costs in the application's JVM beyond C0 (stubs excluded
            // when they run in their own process)
            comparison.put("pipelineCpuMsPerTouchpoint", BenchReport.round(cpu1.doubleValue() - cpu0.doubleValue()));
        }
        for (String which : new String[] {"firstTouchpointLatency", "secondTouchpointLatency"}) {
            Map<?, ?> l0 = (Map<?, ?>) c0.get(which);
            Map<?, ?> l1 = (Map<?, ?>) c1.get(which);
            Map<String, Object> added = new LinkedHashMap<>();
            for (String p : new String[] {"p50Ms", "p95Ms", "p99Ms"}) {
                added.put(p, BenchReport.round(((Number) l1.get(p)).doubleValue() - ((Number) l0.get(p)).doubleValue()));
            }
            comparison.put("added" + Character.toUpperCase(which.charAt(0)) + which.substring(1), added);
        }
        return comparison;
    }

    @SuppressWarnings("unchecked")
    private String markdown(Map<String, Object> document) {
        Map<String, Object> machine = (Map<String, Object>) document.get("machine");
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "End-to-end run %s, engine %s; %s cores, %s GB RAM, %s, heap max %s MB.%n",
                document.get("date"), document.get("engine"), machine.get("cores"), machine.get("memoryGb"),
                machine.get("jdk"), machine.get("maxHeapMb")));
        md.append(String.format(Locale.ROOT, "Warm-up %d s, measurement %d s per run, %d journeys in flight, "
                        + "%d customers in the context, stub delays SMTP %s, FCM %s.%n%n",
                options.warmup().toSeconds(), options.duration().toSeconds(), options.concurrency(), options.customers(),
                options.smtpDelay(), options.fcmDelay()));
        md.append("| scenario | instances/s | touchpoints/s | 1st touchpoint p50 / p95 / p99 (ms) | "
                + "2nd touchpoint p50 / p95 / p99 (ms) | CPU (cores) | CPU ms / touchpoint | stubs' CPU ms / touchpoint "
                + "| heap peak / avg (MB) | GC ms | lost |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> r : results.values()) {
            Map<String, Object> a = (Map<String, Object>) r.get("firstTouchpointLatency");
            Map<String, Object> b = (Map<String, Object>) r.get("secondTouchpointLatency");
            Map<String, Object> res = (Map<String, Object>) r.get("resources");
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s / %s / %s | %s / %s / %s | %s | %s | %s | %s / %s | %s | %s |%n",
                    ((String) r.get("run")).toUpperCase(Locale.ROOT), r.get("instancesPerSecond"),
                    r.get("touchpointsPerSecond"), a.get("p50Ms"), a.get("p95Ms"), a.get("p99Ms"),
                    b.get("p50Ms"), b.get("p95Ms"), b.get("p99Ms"), res.get("processCpuCores"),
                    r.get("cpuMsPerTouchpoint"), r.getOrDefault("stubsCpuMsPerTouchpoint", "in it"),
                    res.get("heapPeakUsedMb"), res.get("heapAverageUsedMb"), res.get("gcTimeMs"),
                    ((Number) r.get("lostJourneys")).longValue() + ((Number) r.get("publishFailures")).longValue()));
        }
        for (Map<String, Object> t : totals.values()) {
            Map<String, Object> a = (Map<String, Object>) t.get("firstTouchpointLatency");
            Map<String, Object> b = (Map<String, Object>) t.get("secondTouchpointLatency");
            md.append(String.format(Locale.ROOT, "| **%s, %s run(s)** | **%s** | %s | %s / %s / %s | %s / %s / %s | | %s | | | | |%n",
                    ((String) t.get("scenario")).toUpperCase(Locale.ROOT), t.get("runs"), t.get("instancesPerSecond"),
                    t.get("touchpointsPerSecond"), a.get("p50Ms"), a.get("p95Ms"), a.get("p99Ms"),
                    b.get("p50Ms"), b.get("p95Ms"), b.get("p99Ms"), t.get("cpuMsPerTouchpoint")));
        }
        for (Map<String, Object> r : results.values()) {
            Map<String, Object> res = (Map<String, Object>) r.get("resources");
            md.append(String.format(Locale.ROOT, "%n%s heap: live %s MB before the window, %s MB after it (after full"
                            + " collections); lowest heap use per minute (MB): %s.",
                    ((String) r.get("run")).toUpperCase(Locale.ROOT), res.get("liveHeapBeforeMb"), res.get("liveHeapAfterMb"),
                    res.get("heapFloorPerMinuteMb")));
        }
        md.append(String.format(Locale.ROOT, "%n"));
        for (Map<String, Object> r : results.values()) {
            if (r.get("ledger") instanceof Map<?, ?> l) {
                md.append(String.format(Locale.ROOT, "%n%s evidence ledger: %s entries and %s commits per touchpoint "
                                + "(%s entries per commit, %s ms per commit, writer busy %s %% of the window).",
                        ((String) r.get("run")).toUpperCase(Locale.ROOT), l.get("entriesPerTouchpoint"),
                        l.get("commitsPerTouchpoint"), l.get("entriesPerCommit"), l.get("commitMeanMs"),
                        l.get("writerBusyPercent")));
            }
        }
        md.append(String.format(Locale.ROOT, "%n"));
        StringBuilder work = new StringBuilder();
        for (Map<String, Object> r : results.values()) {
            if (r.get("engineRecordsPerInstance") != null) {
                work.append(work.isEmpty() ? "" : ", ").append(((String) r.get("run")).toUpperCase(Locale.ROOT))
                        .append(' ').append(r.get("engineRecordsPerInstance"));
            }
        }
        if (!work.isEmpty()) {
            md.append(String.format(Locale.ROOT, "%nEngine records written per completed instance: %s.%n", work));
        }
        Map<String, Object> comparison = (Map<String, Object>) document.get("comparison");
        if (comparison != null) {
            Map<String, Object> first = (Map<String, Object>) comparison.get("addedFirstTouchpointLatency");
            Map<String, Object> second = (Map<String, Object>) comparison.get("addedSecondTouchpointLatency");
            md.append(String.format(Locale.ROOT, "%n**C1 / C0 = %s** (instances/s). **Pipeline CPU per touchpoint "
                            + "(C1 - C0, application JVM): %s ms.** Added latency per touchpoint "
                            + "(C1 - C0, stub delay excluded): first p50 %s ms, p95 %s ms, p99 %s ms; "
                            + "second p50 %s ms, p95 %s ms, p99 %s ms.%n",
                    comparison.get("c1OverC0InstancesPerSecond"), comparison.get("pipelineCpuMsPerTouchpoint"),
                    first.get("p50Ms"), first.get("p95Ms"),
                    first.get("p99Ms"), second.get("p50Ms"), second.get("p95Ms"), second.get("p99Ms")));
        }
        if (!loading.isEmpty()) {
            md.append(String.format(Locale.ROOT, "%nCustomers loaded: %s in %s s (%s/s).%n", loading.get("customers"),
                    loading.get("seconds"), loading.get("customersPerSecond")));
        }
        return md.toString();
    }
}
