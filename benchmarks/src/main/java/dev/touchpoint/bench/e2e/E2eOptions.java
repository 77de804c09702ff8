package dev.touchpoint.bench.e2e;

import dev.touchpoint.bench.support.BenchArgs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Command-line options of the end-to-end benchmark ({@code --key=value}); {@link #USAGE} lists them. */
record E2eOptions(
        List<String> scenarios,
        Duration warmup,
        Duration duration,
        int concurrency,
        int customers,
        int smtpMinDelayMs,
        int smtpMaxDelayMs,
        int fcmMinDelayMs,
        int fcmMaxDelayMs,
        String gateway,
        Path repository,
        Path out,
        boolean jfr,
        boolean stubsInProcess,
        boolean countRecords) {

    static final String USAGE = """
            e2e options (all optional):
              --scenarios=c0,c1,c1,c0  which scenarios, in this order (c0: no-op workers on the journey's shape,
                                       c1: the real welcome journey through the whole pipeline); a scenario named
                                       twice is run twice and its runs are summed (ABBA cancels drift over time)
              --warmup=15s             warm-up per run (not measured)
              --duration=30s           measurement per run
              --concurrency=32         journeys kept in flight (closed loop)
              --customers=100000       customers loaded into the context before the run
              --smtp-delay=20-50       SMTP stub answer delay in ms (min-max, uniform; "0" for none)
              --fcm-delay=20-50        FCM stub answer delay in ms
              --gateway=http://h:26500 use a remote Zeebe gateway instead of the embedded engine (plain gRPC, no auth)
              --repository=PATH        Touchpoint checkout (default: found upwards from the working directory)
              --out=PATH               results folder (default <repository>/benchmarks/target/bench-results)
              --jfr                    record a JFR profile of each measurement window into the results folder
              --stubs=process          where the provider stubs run: "process" (a child JVM: the application's CPU
                                       figures exclude them, their own CPU is reported apart) or "inline" (this JVM)
              --count-records          also read the engine's record stream to count completed instances and records
                                       per instance (costs CPU in the measured JVM; default: count at the providers)
            """;

    static E2eOptions parse(String[] args) {
        List<String> scenarios = List.of("c0", "c1", "c1", "c0");
        Duration warmup = Duration.ofSeconds(15);
        Duration duration = Duration.ofSeconds(30);
        int concurrency = 32;
        int customers = 100_000;
        int[] smtp = {20, 50};
        int[] fcm = {20, 50};
        String gateway = null;
        Path repository = null;
        Path out = null;
        boolean jfr = false;
        boolean stubsInProcess = false;
        boolean countRecords = false;
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.print(USAGE);
                System.exit(0);
            }
            if (arg.equals("--jfr")) {
                jfr = true;
                continue;
            }
            if (arg.equals("--count-records")) {
                countRecords = true;
                continue;
            }
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
            }
            String key = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            switch (key) {
                case "scenarios" -> scenarios = List.of(value.toLowerCase(Locale.ROOT).split(","));
                case "warmup" -> warmup = BenchArgs.duration(value);
                case "duration" -> duration = BenchArgs.duration(value);
                case "concurrency" -> concurrency = Integer.parseInt(value);
                case "customers" -> customers = Integer.parseInt(value);
                case "smtp-delay" -> smtp = range(value);
                case "fcm-delay" -> fcm = range(value);
                case "gateway" -> gateway = value;
                case "repository" -> repository = Path.of(value);
                case "out" -> out = Path.of(value);
                case "stubs" -> stubsInProcess = switch (value) {
                    case "inline" -> true;
                    case "process" -> false;
                    default -> throw new IllegalArgumentException("--stubs=process or --stubs=inline, not " + value);
                };
                default -> throw new IllegalArgumentException("unknown option --" + key + "\n" + USAGE);
            }
        }
        for (String scenario : scenarios) {
            if (!scenario.equals("c0") && !scenario.equals("c1")) {
                throw new IllegalArgumentException("unknown scenario " + scenario + " (c0, c1)");
            }
        }
        if (concurrency < 1 || customers < concurrency) {
            throw new IllegalArgumentException("need concurrency >= 1 and customers >= concurrency");
        }
        repository = BenchArgs.repository(repository == null ? null : repository.toString());
        out = BenchArgs.out(out == null ? null : out.toString(), repository);
        return new E2eOptions(List.copyOf(scenarios), warmup, duration, concurrency, customers, smtp[0], smtp[1],
                fcm[0], fcm[1], gateway, repository, out, jfr, stubsInProcess, countRecords);
    }

    private static int[] range(String value) {
        String[] parts = value.split("-");
        int min = Integer.parseInt(parts[0].trim());
        int max = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : min;
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("bad delay range " + value);
        }
        return new int[] {min, max};
    }

    String smtpDelay() {
        return smtpMinDelayMs + "-" + smtpMaxDelayMs + " ms";
    }

    String fcmDelay() {
        return fcmMinDelayMs + "-" + fcmMaxDelayMs + " ms";
    }
}
