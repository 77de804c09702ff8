package dev.touchpoint.ledger;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.touchpoint.ledger.internal.KeyRing;
import dev.touchpoint.ledger.internal.LedgerKeys;
import dev.touchpoint.ledger.internal.LedgerProperties;
import dev.touchpoint.ledger.internal.LedgerReader;
import dev.touchpoint.ledger.internal.LedgerStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The ledger on the command line, straight against the database (Touchpoint need not run; with the embedded H2 file
 * it must not, since H2 allows one process at a time: use {@code GET /api/ledger/verify} then). Reads the same
 * configuration as the application ({@code config/application.yaml} in the working directory, profiles, environment),
 * so it finds the same database and master key. Never writes.
 *
 * <pre>
 * LedgerCli verify [--chain ID] [--json] [--spring.profiles.active=cluster] [--key=value ...]
 * LedgerCli export [--format csv|jsonl] [--customer ID] [--campaign ID] [--journey ID[:VERSION]] [--channel C]
 *                  [--decision D] [--kind K[,K...]] [--from ISO|DATE] [--to ISO|DATE] [--out FILE]
 * </pre>
 * Exit status: 0 intact / done, 1 a chain is broken, 2 usage or database error.
 */
public final class LedgerCli {

    public static final int OK = 0;
    public static final int BROKEN = 1;
    public static final int ERROR = 2;

    private LedgerCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, true);
    }

    /**
     * @param configureLogging false inside a JVM that already configured logging (tests): Spring Boot's logging set-up
     *                         is JVM-wide
     */
    static int run(String[] args, PrintStream out, PrintStream err, boolean configureLogging) {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            out.print(usage());
            return args.length == 0 ? ERROR : OK;
        }
        String command = args[0];
        if (!command.equals("verify") && !command.equals("export")) {
            err.println("ledger: unknown command '" + command + "'");
            err.print(usage());
            return ERROR;
        }
        Map<String, String> options = new LinkedHashMap<>();
        List<String> springArgs = new ArrayList<>();
        try {
            parse(args, options, springArgs);
        } catch (IllegalArgumentException e) {
            err.println("ledger: " + e.getMessage());
            return ERROR;
        }
        SpringApplication application = new SpringApplication(CliContext.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setDefaultProperties(Map.of("logging.threshold.console", "OFF", "logging.level.root", "ERROR"));
        if (!configureLogging) {
            application.setListeners(application.getListeners().stream()
                    .filter(l -> !(l instanceof org.springframework.boot.context.logging.LoggingApplicationListener)).toList());
        }
        try (ConfigurableApplicationContext context = application.run(springArgs.toArray(String[]::new))) {
            DataSourceProperties datasource = context.getBean(DataSourceProperties.class);
            LedgerProperties ledger = context.getBean(LedgerProperties.class);
            Environment environment = context.getEnvironment();
            String url = readOnlyUrl(datasource.determineUrl());
            try (SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, datasource.determineUsername(),
                    datasource.determinePassword(), true)) {
                try (Connection probe = dataSource.getConnection()) {
                    probe.getMetaData();
                }
                LedgerStore store = new LedgerStore(dataSource);
                if (command.equals("verify")) {
                    return verify(store, options, url, out);
                }
                Optional<SecretKey> master = LedgerKeys.existingMasterKey(ledger.encryption(), environment::getProperty);
                if (master.isEmpty()) {
                    err.println("ledger: no master key found: personal fields are exported sealed");
                }
                return export(new LedgerReader(store, master.map(KeyRing::new).orElse(null), Clock.systemUTC()), options, out, err);
            }
        } catch (SQLException | DataAccessException e) {
            err.println("ledger: cannot read the ledger database: " + rootMessage(e));
            if (rootMessage(e).contains("already in use") || rootMessage(e).contains("Database may be already in use")) {
                err.println("ledger: the embedded database is open in a running Touchpoint: stop it, or use GET /api/ledger/verify");
            } else if (rootMessage(e).contains("not found, either pre-create it")) {
                err.println("ledger: there is no database at " + datasourceHint(springArgs) + ": has Touchpoint run here?");
            } else if (rootMessage(e).toUpperCase(java.util.Locale.ROOT).contains("LEDGER_")) {
                err.println("ledger: the database has no ledger tables: start Touchpoint once so that it migrates the database");
            }
            return ERROR;
        } catch (IOException | RuntimeException e) {
            err.println("ledger: " + rootMessage(e));
            return ERROR;
        }
    }

    private static int verify(LedgerStore store, Map<String, String> options, String url, PrintStream out) throws IOException {
        VerificationReport report = new LedgerReader(store, null, Clock.systemUTC()).verify(options.get("chain"));
        if (options.containsKey("json")) {
            out.println(JsonMapper.builder().addModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(report));
        } else if (report.intact()) {
            out.println("Ledger intact: " + report.entriesChecked() + " entr" + (report.entriesChecked() == 1 ? "y" : "ies")
                    + " in " + report.chainsChecked() + " chain" + (report.chainsChecked() == 1 ? "" : "s") + " verified (" + safeUrl(url) + ").");
        } else {
            out.println("Ledger BROKEN: " + report.brokenChains().size() + " broken chain" + (report.brokenChains().size() == 1 ? "" : "s")
                    + " among " + report.chainsChecked() + " (" + report.entriesChecked() + " entries read).");
            out.println("First broken link: " + report.firstBroken());
            for (VerificationReport.BrokenLink link : report.brokenChains()) {
                out.println("  " + link);
            }
        }
        return report.intact() ? OK : BROKEN;
    }

    private static int export(LedgerReader reader, Map<String, String> options, PrintStream out, PrintStream err) throws IOException {
        ExportFormat format = ExportFormat.parse(options.get("format"));
        java.util.Set<EntryKind> kinds = java.util.EnumSet.noneOf(EntryKind.class);
        if (options.containsKey("kind")) {
            for (String kind : options.get("kind").split(",")) {
                if (!kind.isBlank()) {
                    kinds.add(EntryKind.parse(kind));
                }
            }
        }
        LedgerQuery query = new LedgerQuery(options.get("customer"), options.get("campaign"), options.get("journey"),
                options.get("channel"), options.get("decision"), kinds, instant(options.get("from")), instant(options.get("to")), 0, 1);
        long count;
        if (options.containsKey("out")) {
            Path file = Path.of(options.get("out"));
            try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file))) {
                count = reader.export(query, format, stream);
            }
            err.println("ledger: " + count + " entr" + (count == 1 ? "y" : "ies") + " written to " + file.toAbsolutePath());
        } else {
            count = reader.export(query, format, out);
            out.flush();
        }
        return OK;
    }

    private static void parse(String[] args, Map<String, String> options, List<String> springArgs) {
        List<String> flags = List.of("json");
        List<String> valued = List.of("chain", "format", "customer", "campaign", "journey", "channel", "decision", "kind", "from", "to", "out");
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                options.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                options.put(name, value);
            } else if (value != null) {
                springArgs.add(arg);
            } else {
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
    }

    /** The URL without credentials (query parameters and password settings), for output. */
    static String safeUrl(String url) {
        if (url == null) {
            return "";
        }
        int query = url.indexOf('?');
        String withoutQuery = query < 0 ? url : url.substring(0, query);
        return withoutQuery.replaceAll("(?i);(password|pwd|user)=[^;]*", "");
    }

    /** An H2 file URL that refuses to create an empty database where there is none. */
    static String readOnlyUrl(String url) {
        if (url != null && url.startsWith("jdbc:h2:file:") && !url.toUpperCase(java.util.Locale.ROOT).contains("IFEXISTS=")) {
            return url + ";IFEXISTS=TRUE";
        }
        return url;
    }

    private static java.time.Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        return v.length() == 10 ? java.time.LocalDate.parse(v).atStartOfDay(java.time.ZoneOffset.UTC).toInstant() : java.time.Instant.parse(v);
    }

    private static String datasourceHint(List<String> springArgs) {
        return springArgs.stream().filter(a -> a.startsWith("--spring.datasource.url=")).findFirst()
                .map(a -> a.substring("--spring.datasource.url=".length())).orElse("the configured spring.datasource.url");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    static String usage() {
        return """
                Usage: LedgerCli <command> [options] [--spring.property=value ...]

                Commands:
                  verify   Recompute every hash chain and report the first broken link.
                           --chain ID   only this chain (a customer id, ~system, ~journeys, ~provider)
                           --json       print the report as JSON
                  export   Write matching entries (personal fields decrypted when the master key is available).
                           --format csv|jsonl (default jsonl)   --out FILE (default: standard output)
                           --customer ID  --campaign ID  --journey ID[:VERSION]  --channel EMAIL|SMS|PUSH|KIOSK
                           --decision SEND|SUPPRESS|DEFER  --kind KIND[,KIND]  --from ISO|DATE  --to ISO|DATE

                Reads config/application.yaml from the working directory like the application; pass
                --spring.profiles.active=cluster or --spring.datasource.url=... to choose another database.
                Exit status: 0 intact/done, 1 a chain is broken, 2 usage or database error.
                """;
    }

    /** Only what the tool needs: configuration and the DataSource settings (no pool, no Flyway, no Hazelcast). */
    @ImportAutoConfiguration(PropertyPlaceholderAutoConfiguration.class)
    @EnableConfigurationProperties({DataSourceProperties.class, LedgerProperties.class})
    static class CliContext {
    }
}
