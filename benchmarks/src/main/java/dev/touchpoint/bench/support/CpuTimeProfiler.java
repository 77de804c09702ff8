package dev.touchpoint.bench.support;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * A JMH profiler ({@code -prof dev.touchpoint.bench.support.CpuTimeProfiler}) that reports the CPU time of the
 * benchmark's JVM per operation: {@code cpu.ns/op} and its inverse {@code cpu.ops/core-s}, operations per second of
 * one fully used core. On a machine shared with other work, wall-clock throughput mostly measures how much CPU the
 * scheduler gave the benchmark; the CPU time an operation consumed is far less sensitive to that. The figure is the
 * whole process (benchmark threads, GC, JIT compiler threads), so it includes the garbage collection an operation
 * causes; on one forked JVM that runs nothing else, that is the cost of the operation.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuAtStart;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM per operation (process CPU time / measured operations)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = os.getProcessCpuTime();
    }

    @Override
    public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                 IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuAtStart;
        long ops = result.getMetadata().getAllOps();
        if (ops <= 0 || cpu <= 0) {
            return List.of();
        }
        return List.of(
                new ScalarResult("cpu.ns/op", cpu / (double) ops, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.ops/core-s", ops / (cpu / 1e9), "ops/core-s", AggregationPolicy.AVG));
    }
}
