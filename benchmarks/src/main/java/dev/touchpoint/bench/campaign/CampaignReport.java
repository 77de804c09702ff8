package dev.touchpoint.bench.campaign;

import dev.touchpoint.bench.support.BenchReport;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** The Markdown summary of a campaign launch run. */
final class CampaignReport {

    private CampaignReport() {
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> document, ZonedDateTime at) {
        Map<String, Object> machine = (Map<String, Object>) document.get("machine");
        Map<String, Object> settings = (Map<String, Object>) document.get("settings");
        Map<String, Object> launch = (Map<String, Object>) document.get("launch");
        Map<String, Object> rates = (Map<String, Object>) launch.get("rates");
        Map<String, Object> once = (Map<String, Object>) launch.get("exactlyOnce");
        Map<String, Object> resources = (Map<String, Object>) launch.get("resources");
        Map<String, Object> dryRun = (Map<String, Object>) launch.get("dryRun");
        StringBuilder md = new StringBuilder();
        md.append(BenchReport.machineLine("Campaign launch run", at, machine)).append('\n');
        md.append(String.format(Locale.ROOT, "Engine %s, job workers off; journey %s; throttle %s instances/s; "
                        + "audience filter: %s; %s customers in the context.%n%n",
                document.get("engine"), settings.get("processId"), number(settings.get("throttle")), settings.get("audienceFilter"),
                settings.get("customers")));
        md.append("| audience | started | time to last start (s) | starts/s | starts/s by quarter of the audience | "
                + "first start after launch (ms) | started once / more than once / not | CPU (cores) | heap peak / avg (MB) | GC ms |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        Object quarters = rates.get("startsPerSecondByQuarter");
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | **%s** | %s | %s | %s / %s / %s | %s | %s / %s | %s |%n",
                launch.get("audience"), rates.get("instances"), rates.get("secondsToLastStart"), rates.get("startsPerSecond"),
                quarters instanceof double[] q ? Arrays.toString(q).replace("[", "").replace("]", "").replace(",", " /") : "",
                rates.get("firstStartAfterLaunchMs"), once.get("customersStartedOnce"),
                once.get("customersStartedMoreThanOnce"), once.get("customersNotStarted"),
                resources.get("processCpuCores"), resources.get("heapPeakUsedMb"), resources.get("heapAverageUsedMb"),
                resources.get("gcTimeMs")));
        md.append(String.format(Locale.ROOT, "%nExactly once: %s distinct customers have an instance of %s, %s instances "
                        + "of it in all; the campaign is %s with progress %s.%n",
                once.get("distinctCustomersWithInstance"), settings.get("processId"), once.get("instancesOfProcess"),
                once.get("campaignState"), once.get("campaignProgress")));
        if (!dryRun.isEmpty()) {
            md.append(String.format(Locale.ROOT, "Dry run before the launch: audience %s, would enter %s, in %s s.%n",
                    dryRun.get("audience"), dryRun.get("wouldEnter"), dryRun.get("seconds")));
        }
        if (((Number) launch.get("progressViewFailures")).intValue() > 0) {
            md.append(String.format(Locale.ROOT, "GET /api/campaigns/{id} failed %s time(s) during the launch (HTTP 500, "
                    + "asked again).%n", launch.get("progressViewFailures")));
        }
        if (Boolean.TRUE.equals(launch.get("timedOut"))) {
            md.append("\n**Timed out** before every audience member was started (see --timeout).\n");
        }
        Map<String, Object> loading = (Map<String, Object>) document.get("customerLoading");
        md.append(String.format(Locale.ROOT, "%nCustomers loaded: %s in %s s (%s/s).%n", loading.get("customers"),
                loading.get("seconds"), loading.get("customersPerSecond")));
        return md.toString();
    }

    private static String number(Object value) {
        double d = ((Number) value).doubleValue();
        return d == Math.rint(d) ? String.format(Locale.ROOT, "%,d", (long) d) : String.valueOf(d);
    }
}
