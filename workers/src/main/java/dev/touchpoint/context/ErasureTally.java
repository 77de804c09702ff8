package dev.touchpoint.context;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** What an erasure removed outside the customer context, by place (e.g. {@code campaign-starts=2}). Thread-safe. */
public final class ErasureTally {

    private final Map<String, Long> counts = new TreeMap<>();

    public synchronized void count(String place, long items) {
        counts.merge(place, Math.max(0, items), Long::sum);
    }

    /** A sorted copy. */
    public synchronized Map<String, Long> counts() {
        return Collections.unmodifiableMap(new TreeMap<>(counts));
    }
}
