package dev.touchpoint.bench.campaign;

import dev.touchpoint.bench.support.BenchReport;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pace of a campaign launch from the creation times of its instances (engine record timestamps, ms) and the
 * moment of the launch request: total time to the last start, starts per second over it, the delay to the first
 * start, and the rate in each quarter of the audience (an engine whose state slows it down shows falling quarters).
 */
final class LaunchRates {

    private LaunchRates() {
    }

    static Map<String, Object> of(long[] createdAtMillis, long launchedAtMillis) {
        long[] times = createdAtMillis.clone();
        Arrays.sort(times);
        Map<String, Object> rates = new LinkedHashMap<>();
        int n = times.length;
        rates.put("instances", n);
        if (n == 0) {
            return rates;
        }
        double total = (times[n - 1] - launchedAtMillis) / 1000.0;
        rates.put("secondsToLastStart", BenchReport.round(total));
        rates.put("startsPerSecond", BenchReport.perSecond(n, total));
        rates.put("firstStartAfterLaunchMs", times[0] - launchedAtMillis);
        if (n >= 8) {
            double[] quarters = new double[4];
            for (int q = 0; q < 4; q++) {
                int from = q * n / 4;
                int to = (q + 1) * n / 4 - 1;
                double seconds = (times[to] - (q == 0 ? launchedAtMillis : times[from - 1])) / 1000.0;
                quarters[q] = BenchReport.perSecond(to - from + 1, seconds);
            }
            rates.put("startsPerSecondByQuarter", quarters);
        }
        return rates;
    }
}
