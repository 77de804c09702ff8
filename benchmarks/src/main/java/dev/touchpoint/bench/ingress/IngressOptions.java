package dev.touchpoint.bench.ingress;

import dev.touchpoint.bench.support.BenchArgs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Command-line options of the ingress benchmark ({@code --key=value}); {@link #USAGE} lists them. */
record IngressOptions(
        List<Integer> batchSizes,
        int clients,
        Duration warmup,
        Duration duration,
        int customers,
        int duplicates,
        Duration settle,
        Path repository,
        Path out,
        boolean jfr) {

    static final String USAGE = """
            ingress options (all optional):
              --batch-sizes=50,1   events per POST /api/events, one phase per size in this order (1 = a single JSON
                                   object, more = a JSON array; at most touchpoint.ingress.max-batch, 500)
              --clients=8          concurrent HTTP clients (closed loop: each sends its next request when the last answered)
              --warmup=10s         warm-up per phase (not measured)
              --duration=30s       measurement per phase
              --customers=10000    customers loaded into the context before the run
              --duplicates=200     accepted events posted again (same idempotency key) after the phases, their
                                   instances cancelled first so a second correlation would start a new instance
              --settle=60s         how long to wait after a phase for the engine to reflect every accepted event
              --repository=PATH    Touchpoint checkout (default: found upwards from the working directory)
              --out=PATH           results folder (default <repository>/benchmarks/target/bench-results)
              --jfr                record a JFR profile of each measurement window into the results folder
            Any --touchpoint.*, --camunda.*, --spring.* or --logging.* argument goes to the application.
            The application runs with the embedded engine and its job workers off (the figure is ingress -> engine).
            """;

    static IngressOptions parse(String[] args) {
        Map<String, String> values = BenchArgs.parse(args, List.of("jfr"), USAGE);
        List<Integer> batchSizes = List.of(50, 1);
        int clients = 8;
        Duration warmup = Duration.ofSeconds(10);
        Duration duration = Duration.ofSeconds(30);
        int customers = 10_000;
        int duplicates = 200;
        Duration settle = Duration.ofSeconds(60);
        String repository = null;
        String out = null;
        boolean jfr = false;
        for (Map.Entry<String, String> option : values.entrySet()) {
            String value = option.getValue();
            switch (option.getKey()) {
                case "batch-sizes" -> batchSizes = batchSizes(value);
                case "clients" -> clients = BenchArgs.atLeast("clients", value, 1);
                case "warmup" -> warmup = BenchArgs.duration(value);
                case "duration" -> duration = BenchArgs.duration(value);
                case "customers" -> customers = BenchArgs.atLeast("customers", value, 0);
                case "duplicates" -> duplicates = BenchArgs.atLeast("duplicates", value, 0);
                case "settle" -> settle = BenchArgs.duration(value);
                case "repository" -> repository = value;
                case "out" -> out = value;
                case "jfr" -> jfr = true;
                default -> throw new IllegalArgumentException("unknown option --" + option.getKey() + "\n" + USAGE);
            }
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        Path repo = BenchArgs.repository(repository);
        return new IngressOptions(batchSizes, clients, warmup, duration, customers, duplicates, settle, repo,
                BenchArgs.out(out, repo), jfr);
    }

    private static List<Integer> batchSizes(String value) {
        List<Integer> sizes = new ArrayList<>();
        for (String part : value.split(",")) {
            sizes.add(BenchArgs.atLeast("batch-sizes", part, 1));
        }
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("--batch-sizes needs at least one size");
        }
        return List.copyOf(sizes);
    }
}
