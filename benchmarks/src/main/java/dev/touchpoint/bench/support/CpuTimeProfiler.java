package dev.touchpoint.bench.support;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * A JMH profiler ({@code -prof dev.touchpoint.bench.support.CpuTimeProfiler}) that reports the CPU time of the
 * benchmark's JVM per operation: {@code cpu.ns/op} and its inverse {@code cpu.ops/core-s}, operations per second of
 * one fully used core. On a machine shared with other work, wall-clock throughput mostly measures how much CPU the
 * scheduler gave the benchmark; the CPU time an operation consumed is far less sensitive to that. The figure is the
 * whole process (benchmark threads, GC, JIT compiler threads), so it includes the garbage collection an operation
 * causes; on one forked JVM that runs nothing else, that is the cost of the operation. {@code cpu.worker.ns/op} and
 * {@code cpu.worker.ops/core-s} count only the benchmark's own threads (JMH workers, by name): without the JIT compiler
 * and GC threads, whose work in short runs on a loaded machine adds more noise than signal.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpuAtStart;
    private long workersAtStart;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM per operation (process CPU time / measured operations)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = os.getProcessCpuTime();
        workersAtStart = workerCpuTime();
    }

    /** CPU time of the live JMH worker threads (they live for the whole trial, so the difference is the iteration). */
    private long workerCpuTime() {
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("jmh-worker")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                sum += Math.max(0, cpu);
            }
        }
        return sum;
    }

    @Override
    public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                 IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuAtStart;
        long workers = workerCpuTime() - workersAtStart;
        long ops = result.getMetadata().getAllOps();
        if (ops <= 0 || cpu <= 0 || workers <= 0) {
            return List.of();
        }
        return List.of(
                new ScalarResult("cpu.ns/op", cpu / (double) ops, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.ops/core-s", ops / (cpu / 1e9), "ops/core-s", AggregationPolicy.AVG),
                new ScalarResult("cpu.worker.ns/op", workers / (double) ops, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.worker.ops/core-s", ops / (workers / 1e9), "ops/core-s", AggregationPolicy.AVG));
    }
}
