package dev.touchpoint.bench.render;

import dev.touchpoint.brand.BrandDesignSystem;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.brand.PreviewSample;
import dev.touchpoint.brand.RenderRequest;
import dev.touchpoint.brand.RenderedMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Renders per second of the brand design system, per channel, with the shipped brand and the templates' sample
 * data. One operation is one {@link BrandDesignSystem#render(RenderRequest)}: variable binding, the compiled
 * templates and messages, every channel rule (HTML checks, plain-text generation, segment counting, payload size)
 * and the SHA-256 fingerprint, exactly what a worker pays per touchpoint.
 *
 * <p>Templates per channel: email {@code cart-reminder} (item table, generated plain text), SMS {@code cart-reminder},
 * push {@code order-shipped}, kiosk {@code store-greeting} (self-contained fragment with inlined assets).
 *
 * <pre>./mvnw -B -Pbench -pl benchmarks exec:exec -Dbench.args="RenderBenchmark"</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class RenderBenchmark {

    @Param({"EMAIL", "SMS", "PUSH", "KIOSK"})
    public Channel channel;

    @Param({"de", "zh-Hant"})
    public String locale;

    private BrandDesignSystem brand;
    private RenderRequest request;

    @Setup
    public void setUp() {
        brand = BrandDesignSystem.fromClasspath();
        String template = switch (channel) {
            case EMAIL, SMS -> "cart-reminder";
            case PUSH -> "order-shipped";
            case KIOSK -> "store-greeting";
        };
        PreviewSample sample = brand.sample(template, locale).orElseThrow();
        request = sample.request(template, channel, locale);
        // Fail fast if the sample does not render (a benchmark of an exception path would be meaningless).
        brand.render(request);
    }

    @Benchmark
    public RenderedMessage render() {
        return brand.render(request);
    }
}
