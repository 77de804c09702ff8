package dev.touchpoint.bench.render;

import dev.touchpoint.brand.BrandDesignSystem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * How long building the design system takes (read brand.json, parse tokens, read and compile every layout, partial,
 * template and message of every locale, check them): the start-up cost a worker pays once.
 *
 * <pre>./mvnw -B -Pbench -pl benchmarks exec:exec -Dbench.args="RenderBrandLoadBenchmark"</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class RenderBrandLoadBenchmark {

    @Benchmark
    public BrandDesignSystem load() {
        return BrandDesignSystem.fromClasspath();
    }
}
