package dev.touchpoint.bench.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The option syntax every benchmark scenario shares: {@code --key=value} and bare {@code --flag}s, durations such as
 * {@code 500ms}, {@code 30s}, {@code 30} (seconds) or {@code 2m}, the Touchpoint checkout found upwards from the
 * working directory, and the default results folder {@code <repository>/benchmarks/target/bench-results}.
 */
public final class BenchArgs {

    private BenchArgs() {
    }

    /** {@code --key=value} pairs and {@code --flag}s ({@code flag -> "true"}), in order; anything else is refused. */
    public static Map<String, String> parse(String[] args, List<String> flags, String usage) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            String bare = arg.startsWith("--") ? arg.substring(2) : null;
            if (bare != null && flags.contains(bare)) {
                values.put(bare, "true");
                continue;
            }
            int eq = arg.indexOf('=');
            if (bare == null || eq < 0) {
                throw new IllegalArgumentException("unknown argument " + arg + "\n" + usage);
            }
            values.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return values;
    }

    /** True for {@code --help} or {@code -h}. */
    public static boolean wantsHelp(String[] args) {
        return List.of(args).contains("--help") || List.of(args).contains("-h");
    }

    public static Duration duration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
        }
        if (v.endsWith("s")) {
            v = v.substring(0, v.length() - 1);
        }
        return Duration.ofSeconds(Long.parseLong(v));
    }

    /** A whole number at least {@code min}; the message names the option. */
    public static int atLeast(String option, String value, int min) {
        int n;
        try {
            n = Integer.parseInt(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " must be a whole number, not " + value);
        }
        if (n < min) {
            throw new IllegalArgumentException("--" + option + " must be at least " + min);
        }
        return n;
    }

    /** The given checkout or the one found upwards from the working directory, absolute and normalised. */
    public static Path repository(String given) {
        return (given == null ? findRepository() : Path.of(given)).toAbsolutePath().normalize();
    }

    /** The given results folder or {@code <repository>/benchmarks/target/bench-results}, absolute. */
    public static Path out(String given, Path repository) {
        return (given == null ? repository.resolve("benchmarks/target/bench-results") : Path.of(given)).toAbsolutePath();
    }

    public static Path findRepository() {
        List<Path> tried = new ArrayList<>();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            tried.add(dir);
            if (Files.isDirectory(dir.resolve("workflows/journeys")) && Files.isDirectory(dir.resolve("benchmarks"))) {
                return dir;
            }
        }
        throw new IllegalArgumentException("no Touchpoint checkout found in " + tried + ": pass --repository=PATH");
    }
}
