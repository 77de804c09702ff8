package dev.touchpoint.bench.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.HdrHistogram.Histogram;

/**
 * What every benchmark report shares: the machine it ran on, rounding, latency percentiles of an HdrHistogram (µs
 * values), and writing {@code <name>-<time>.json} and {@code .md} to the results folder with the summary printed.
 */
public final class BenchReport {

    private BenchReport() {
    }

    /** Cores, memory, JDK, OS, heap and JVM arguments of this process. */
    public static Map<String, Object> machine() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryGb", round(os.getTotalMemorySize() / 1024.0 / 1024 / 1024));
        machine.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        machine.put("jvmArguments", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        return machine;
    }

    /** One line naming the date, cores, memory, JDK and heap, for the top of a Markdown summary. */
    public static String machineLine(String what, ZonedDateTime at, Map<String, Object> machine) {
        return String.format(Locale.ROOT, "%s %s; %s cores, %s GB RAM, %s, heap max %s MB.", what, at,
                machine.get("cores"), machine.get("memoryGb"), machine.get("jdk"), machine.get("maxHeapMb"));
    }

    /**
     * Writes {@code document} as {@code <name>-<yyyyMMdd-HHmmss>.json} and {@code markdown} as {@code .md} into
     * {@code out}, and prints the summary and both paths.
     */
    public static Path write(Path out, String name, ZonedDateTime at, Map<String, Object> document, String markdown)
            throws IOException {
        Files.createDirectories(out);
        String stamp = at.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        Path json = out.resolve(name + "-" + stamp + ".json");
        Path md = out.resolve(name + "-" + stamp + ".md");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), document);
        Files.writeString(md, markdown);
        System.out.println();
        System.out.println(markdown);
        System.out.println("results: " + json);
        System.out.println("summary: " + md);
        return json;
    }

    /** count, p50, p95, p99, max and mean in milliseconds of a histogram recorded in microseconds. */
    public static void forEachLatency(Histogram histogram, BiConsumer<String, Double> sink) {
        sink.accept("count", (double) histogram.getTotalCount());
        sink.accept("p50Ms", histogram.getValueAtPercentile(50) / 1000.0);
        sink.accept("p95Ms", histogram.getValueAtPercentile(95) / 1000.0);
        sink.accept("p99Ms", histogram.getValueAtPercentile(99) / 1000.0);
        sink.accept("maxMs", histogram.getMaxValue() / 1000.0);
        sink.accept("meanMs", histogram.getMean() / 1000.0);
    }

    /** {@link #forEachLatency} as a map, values rounded to 0.01 ms (the count stays whole). */
    public static Map<String, Object> latency(Histogram histogram) {
        Map<String, Object> latency = new LinkedHashMap<>();
        forEachLatency(histogram, (k, v) -> latency.put(k, k.equals("count") ? (Object) v.longValue() : round(v)));
        return latency;
    }

    /** {@code count / seconds}, 0 when no time passed. */
    public static double perSecond(long count, double seconds) {
        return seconds <= 0 ? 0 : round(count / seconds);
    }

    public static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    public static void log(String message) {
        System.err.println("[bench] " + message);
    }
}
