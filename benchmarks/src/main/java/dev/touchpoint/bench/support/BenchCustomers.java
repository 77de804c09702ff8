package dev.touchpoint.bench.support;

import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Purpose;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark customers {@code bench-0 ... bench-<n-1>}, loaded through {@link CustomerContextStore#upsert} and
 * {@code recordConsents}: email + push marketing consent, push token {@code tok-<id>}, a time zone where it is midday
 * now (quiet hours never defer), locales en/de/zh-Hant/zh-Hans, tier gold or silver, attribute {@code segment=bench}.
 */
public final class BenchCustomers {

    /** The attribute every benchmark customer carries ({@code segment=bench}): a filter on it selects them all. */
    public static final String SEGMENT_ATTRIBUTE = "segment";
    public static final String SEGMENT_VALUE = "bench";

    private BenchCustomers() {
    }

    public static String id(long i) {
        return "bench-" + i;
    }

    /** Loads {@code count} customers on 32 threads or more; returns customers, seconds and customers per second. */
    public static Map<String, Object> load(CustomerContextStore store, int count) throws Exception {
        ZoneId midday = zoneWhereItIs(12);
        Locale[] locales = {Locale.ENGLISH, Locale.GERMAN, Locale.forLanguageTag("zh-Hant"), Locale.forLanguageTag("zh-Hans")};
        // each consent change waits for its evidence commit: many loaders share the ledger's group commits
        int threads = Math.max(32, Runtime.getRuntime().availableProcessors() * 16);
        long started = System.nanoTime();
        AtomicLong done = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    for (int i = first; i < count; i += threads) {
                        String id = id(i);
                        store.upsert(new CustomerProfile(id, "Bench", "Customer " + i, locales[i % locales.length],
                                midday, id + "@bench.example", String.format(Locale.ROOT, "+4915%09d", i),
                                List.of("tok-" + id), i % 3 == 0 ? "gold" : "silver", "berlin-mitte",
                                Map.of(SEGMENT_ATTRIBUTE, SEGMENT_VALUE), ChannelPreferences.NONE, null));
                        Instant now = Instant.now();
                        store.recordConsents(id, List.of(
                                new ConsentChange(id, Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED,
                                        ConsentSource.API, "benchmark", now),
                                new ConsentChange(id, Channel.PUSH, Purpose.MARKETING, ConsentStatus.GRANTED,
                                        ConsentSource.API, "benchmark", now)), List.of());
                        long n = done.incrementAndGet();
                        if (n % 20_000 == 0) {
                            BenchReport.log("loaded " + n + " customers");
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
        BenchReport.log(String.format(Locale.ROOT, "loaded %d customers (profile + 2 consents each) in %.1f s (%.0f/s)",
                count, seconds, count / seconds));
        Map<String, Object> loading = new LinkedHashMap<>();
        loading.put("customers", count);
        loading.put("seconds", Math.round(seconds * 10) / 10.0);
        loading.put("customersPerSecond", Math.round(count / seconds));
        return loading;
    }

    /** A fixed-offset zone where the local hour is {@code hour} now. */
    public static ZoneId zoneWhereItIs(int hour) {
        int offset = hour - ZonedDateTime.now(ZoneOffset.UTC).getHour();
        if (offset > 14) {
            offset -= 24;
        }
        if (offset < -12) {
            offset += 24;
        }
        return ZoneOffset.ofHours(offset);
    }
}
