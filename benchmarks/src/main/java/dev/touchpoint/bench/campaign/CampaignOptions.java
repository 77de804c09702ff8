package dev.touchpoint.bench.campaign;

import dev.touchpoint.bench.support.BenchArgs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Command-line options of the campaign benchmark ({@code --key=value}); {@link #USAGE} lists them. */
record CampaignOptions(
        int customers,
        double throttle,
        String processId,
        Duration timeout,
        boolean dryRun,
        Path repository,
        Path out,
        boolean jfr) {

    static final String USAGE = """
            campaign options (all optional):
              --customers=3000        customers loaded into the context; the campaign's filter audience selects them all
              --throttle=1000000      the campaign's throttle in instances/s (touchpoint.campaigns.max-throttle is raised
                                      to it, so by default the throttle is effectively off)
              --process=winback-campaign  the journey started per customer (needs offerExpires; the offer comes from its DMN decision)
              --timeout=10m           give up waiting for every audience member to be started after this
              --skip-dry-run          do not dry-run the campaign before the launch (the dry run reports the audience)
              --repository=PATH       Touchpoint checkout (default: found upwards from the working directory)
              --out=PATH              results folder (default <repository>/benchmarks/target/bench-results)
              --jfr                   record a JFR profile from the launch to the last start into the results folder
            Any --touchpoint.*, --camunda.*, --spring.* or --logging.* argument goes to the application.
            The application runs with the embedded engine and its job workers off (the figure is launcher -> engine).
            """;

    static CampaignOptions parse(String[] args) {
        Map<String, String> values = BenchArgs.parse(args, List.of("skip-dry-run", "jfr"), USAGE);
        int customers = 3_000;
        double throttle = 1_000_000;
        String processId = "winback-campaign";
        Duration timeout = Duration.ofMinutes(10);
        boolean dryRun = true;
        String repository = null;
        String out = null;
        boolean jfr = false;
        for (Map.Entry<String, String> option : values.entrySet()) {
            String value = option.getValue();
            switch (option.getKey()) {
                case "customers" -> customers = BenchArgs.atLeast("customers", value, 1);
                case "throttle" -> throttle = throttle(value);
                case "process" -> processId = value;
                case "timeout" -> timeout = BenchArgs.duration(value);
                case "skip-dry-run" -> dryRun = false;
                case "repository" -> repository = value;
                case "out" -> out = value;
                case "jfr" -> jfr = true;
                default -> throw new IllegalArgumentException("unknown option --" + option.getKey() + "\n" + USAGE);
            }
        }
        Path repo = BenchArgs.repository(repository);
        return new CampaignOptions(customers, throttle, processId, timeout, dryRun, repo, BenchArgs.out(out, repo), jfr);
    }

    private static double throttle(String value) {
        double throttle;
        try {
            throttle = Double.parseDouble(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--throttle must be a number of instances per second, not " + value);
        }
        if (!(throttle > 0)) {
            throw new IllegalArgumentException("--throttle must be positive");
        }
        return throttle;
    }
}
