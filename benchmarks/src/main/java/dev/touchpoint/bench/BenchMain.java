package dev.touchpoint.bench;

import dev.touchpoint.bench.campaign.CampaignBenchmark;
import dev.touchpoint.bench.e2e.E2eBenchmark;
import dev.touchpoint.bench.ingress.IngressBenchmark;
import java.util.Arrays;

/**
 * Entry point of {@code ./touchpoint bench}:
 * <ul>
 *   <li>no arguments: the end-to-end scenarios C0 and C1 with their defaults;</li>
 *   <li>{@code e2e [options]}: the end-to-end scenarios ({@code e2e --help} lists the options);</li>
 *   <li>{@code ingress [options]}: events over {@code POST /api/events} into the engine ({@code ingress --help});</li>
 *   <li>{@code campaign [options]}: a campaign launch over the whole audience ({@code campaign --help});</li>
 *   <li>{@code memory [options]}: heap per customer and per waiting journey ({@code memory --help});</li>
 *   <li>{@code micro [JMH arguments]}: the JMH micro-benchmarks, e.g. {@code micro Render -wi 2 -i 3} or
 *       {@code micro EventMapping};</li>
 *   <li>{@code engine [port]}: the embedded engine alone in this JVM, a gateway for {@code e2e --gateway=...};</li>
 *   <li>anything else: passed to JMH as it is (so {@code ./touchpoint bench Render} keeps working).</li>
 * </ul>
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            E2eBenchmark.main(args);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "e2e" -> E2eBenchmark.main(rest);
            case "ingress" -> IngressBenchmark.main(rest);
            case "campaign" -> CampaignBenchmark.main(rest);
            case "memory" -> dev.touchpoint.bench.memory.MemoryBenchmark.main(rest);
            case "micro" -> org.openjdk.jmh.Main.main(rest);
            case "engine" -> dev.touchpoint.bench.e2e.StandaloneEngine.main(rest);
            case "stubs" -> dev.touchpoint.bench.e2e.E2eBenchmark.stubs(rest);
            case "help", "--help", "-h" -> System.out.println("""
                    usage: BenchMain [e2e | ingress | campaign | memory [options] | micro [JMH arguments] | engine [port] | JMH arguments]
                      e2e       C0 (no-op workers on the welcome journey's shape) and C1 (the real pipeline), one run
                      ingress   HTTP clients POST events to /api/events: events/s accepted and correlated, request
                                latency, duplicates (job workers off: ingress -> engine)
                      campaign  a campaign over every loaded customer, launched through /api/campaigns: starts/s,
                                exactly once per customer (job workers off: launcher -> engine)
                      memory    live heap per customer (100,000 loaded) and per welcome journey waiting at its
                                gateway (20,000 started), resident set and engine state folder
                      micro     JMH micro-benchmarks (rendering, context decisions, event mapping, ledger appends)
                      engine    the embedded engine alone (default port 26600), for e2e --gateway=http://127.0.0.1:26600
                    BenchMain <e2e|ingress|campaign|memory> --help lists the options of a scenario.""");
            default -> org.openjdk.jmh.Main.main(args);
        }
    }
}
