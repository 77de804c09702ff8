package dev.touchpoint.bench.ingress;

import dev.touchpoint.bench.support.BenchReport;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown summary of an ingress run: one row per batch size, then the duplicate check. */
final class IngressReport {

    private IngressReport() {
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> document, ZonedDateTime at) {
        Map<String, Object> machine = (Map<String, Object>) document.get("machine");
        Map<String, Object> settings = (Map<String, Object>) document.get("settings");
        StringBuilder md = new StringBuilder();
        md.append(BenchReport.machineLine("Ingress run", at, machine)).append('\n');
        md.append(String.format(Locale.ROOT, "Engine %s, job workers off; %s; %s HTTP clients (closed loop) on loopback; "
                        + "warm-up %s s, measurement %s s per batch size; %s customers in the context.%n%n",
                document.get("engine"), settings.get("event"), settings.get("clients"), settings.get("warmupSeconds"),
                settings.get("durationSeconds"), settings.get("customers")));
        md.append("| batch size | requests/s | events/s accepted | events/s correlated | request p50 / p95 / p99 (ms) | "
                + "not accepted | last instance - last accept (ms) | CPU (cores) | heap peak / avg (MB) | GC ms |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        StringBuilder notes = new StringBuilder();
        for (Map<String, Object> phase : (List<Map<String, Object>>) document.get("phases")) {
            Map<String, Object> latency = (Map<String, Object>) phase.get("requestLatency");
            Map<String, Object> correlation = (Map<String, Object>) phase.get("correlation");
            Map<String, Object> statuses = (Map<String, Object>) phase.get("eventStatuses");
            Map<String, Object> resources = (Map<String, Object>) phase.get("resources");
            long notAccepted = ((Number) phase.get("events")).longValue() - ((Number) statuses.get("ACCEPTED")).longValue()
                    + ((Number) phase.get("httpErrors")).longValue();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s / %s / %s | %d | %s | %s | %s / %s | %s |%n",
                    phase.get("batchSize"), phase.get("requestsPerSecond"), phase.get("eventsAcceptedPerSecond"),
                    correlation.get("eventsCorrelatedPerSecond"), latency.get("p50Ms"), latency.get("p95Ms"),
                    latency.get("p99Ms"), notAccepted, correlation.get("lastInstanceAfterLastAcceptMs"),
                    resources.get("processCpuCores"), resources.get("heapPeakUsedMb"), resources.get("heapAverageUsedMb"),
                    resources.get("gcTimeMs")));
            notes.append(String.format(Locale.ROOT, "Batch %s: %s events accepted in the phase (warm-up included), %s "
                            + "reflected by a created instance, %s not after the settle time, %s customers with more than one "
                            + "instance; %s instances created in the window, %s engine records per instance.%n",
                    phase.get("batchSize"), correlation.get("acceptedEvents"), correlation.get("reflectedByAnInstance"),
                    correlation.get("notReflectedAfterSettle"), correlation.get("customersWithMoreThanOneInstance"),
                    correlation.get("instancesCreatedInWindow"), phase.get("engineRecordsPerInstance")));
        }
        md.append('\n').append(notes);
        Map<String, Object> duplicates = (Map<String, Object>) document.get("duplicates");
        if (duplicates.containsKey("skipped")) {
            md.append(String.format(Locale.ROOT, "%nDuplicate check skipped: %s.%n", duplicates.get("skipped")));
        } else {
            md.append(String.format(Locale.ROOT, "%n**Duplicates correlated: %s** (measured): %s accepted events posted "
                            + "again with the same idempotency key after their instances were cancelled; answers %s; "
                            + "messages published twice: %s. Control: %s of %s events of the same kind under new keys "
                            + "started an instance (answers %s).%n",
                    duplicates.get("duplicatesCorrelated"), duplicates.get("posted"), duplicates.get("answers"),
                    duplicates.get("messagesPublishedTwice"), duplicates.get("controlInstancesStarted"),
                    duplicates.get("controlPosted"), duplicates.get("controlAnswers")));
        }
        md.append(String.format(Locale.ROOT, "%nEach batch size ran in its own application start (the engine's state "
                + "grows with every instance left active).%n"));
        for (Map<String, Object> phase : (List<Map<String, Object>>) document.get("phases")) {
            Map<String, Object> loading = (Map<String, Object>) phase.get("customerLoading");
            md.append(String.format(Locale.ROOT, "Batch %s: application started in %s s", phase.get("batchSize"),
                    phase.get("applicationStartSeconds")));
            md.append(loading.isEmpty() ? ".\n" : String.format(Locale.ROOT, ", %s customers loaded in %s s (%s/s).%n",
                    loading.get("customers"), loading.get("seconds"), loading.get("customersPerSecond")));
        }
        return md.toString();
    }
}
