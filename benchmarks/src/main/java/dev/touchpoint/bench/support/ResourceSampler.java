package dev.touchpoint.bench.support;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU, heap and GC of this JVM over a measurement window: heap sampled every 250 ms, CPU and GC as deltas. Whether
 * the heap is bounded shows in two figures: the live heap after a full collection before and after the window, and the
 * lowest heap use of every minute of the window (its floor, which garbage does not raise), a flat series under constant
 * load (issue 16.7).
 */
public final class ResourceSampler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final long liveHeapBefore = liveHeap();
    private final long wallStart = System.nanoTime();
    private final long cpuStart = os.getProcessCpuTime();
    private final long gcTimeStart = gcTime();
    private final long gcCountStart = gcCount();
    private final Thread sampler;
    private volatile boolean running = true;
    private long peakHeap;
    private long heapSum;
    private long samples;
    private double machineLoadSum;
    private final java.util.List<Long> floorPerMinute = new java.util.ArrayList<>();
    private long minuteFloor = Long.MAX_VALUE;
    private long minuteEnds = System.nanoTime() + 60_000_000_000L;

    private ResourceSampler() {
        sampler = Thread.ofPlatform().daemon().name("bench-resource-sampler").start(this::sample);
    }

    public static ResourceSampler start() {
        return new ResourceSampler();
    }

    private void sample() {
        var memory = ManagementFactory.getMemoryMXBean();
        while (running) {
            long used = memory.getHeapMemoryUsage().getUsed();
            double load = os.getCpuLoad();
            synchronized (this) {
                peakHeap = Math.max(peakHeap, used);
                heapSum += used;
                if (load >= 0) {
                    machineLoadSum += load;
                }
                samples++;
                minuteFloor = Math.min(minuteFloor, used);
                if (System.nanoTime() >= minuteEnds) {
                    floorPerMinute.add(minuteFloor / (1024 * 1024));
                    minuteFloor = Long.MAX_VALUE;
                    minuteEnds += 60_000_000_000L;
                }
            }
            try {
                Thread.sleep(250); // sampling interval
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public Map<String, Object> stop() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("processCpuCores", BenchReport.round(cpuSeconds / wallSeconds));
        figures.put("processCpuPercentOfMachine", BenchReport.round(100 * cpuSeconds / wallSeconds / cores));
        synchronized (this) {
            figures.put("machineCpuPercent", samples == 0 ? null : BenchReport.round(100 * machineLoadSum / samples));
            figures.put("heapPeakUsedMb", peakHeap / (1024 * 1024));
            figures.put("heapAverageUsedMb", samples == 0 ? 0 : heapSum / samples / (1024 * 1024));
        }
        figures.put("heapMaxMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        synchronized (this) {
            figures.put("heapFloorPerMinuteMb", java.util.List.copyOf(floorPerMinute));
        }
        figures.put("gcCount", gcCount() - gcCountStart);
        figures.put("gcTimeMs", gcTime() - gcTimeStart);
        // after the window (not measured): what is still reachable, before and after it
        figures.put("liveHeapBeforeMb", liveHeapBefore / (1024 * 1024));
        figures.put("liveHeapAfterMb", liveHeap() / (1024 * 1024));
        return figures;
    }

    /** Heap in use after full collections: what is reachable now. */
    private static long liveHeap() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long gcTime() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    private static long gcCount() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionCount());
        }
        return sum;
    }
}
