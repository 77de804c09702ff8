package dev.touchpoint.brand.preview;

import dev.touchpoint.brand.BrandDesignSystem;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.brand.PreviewSample;
import dev.touchpoint.brand.RenderReport;
import dev.touchpoint.brand.RuleViolation;
import dev.touchpoint.brand.TemplateDefinitionException;
import dev.touchpoint.brand.TemplateDescriptor;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Renders every template x channel x locale with its sample data into a folder and exits non-zero when any rule is
 * broken.
 *
 * <pre>
 * PreviewCommand [templateId...] [--locale TAG]... [--channel email|sms|push|kiosk]... [--out DIR] [--brand DIR]
 * </pre>
 *
 * <ul>
 *   <li>{@code templateId}: only these templates (default: all)</li>
 *   <li>{@code --locale}: only these locales, any BCP 47 tag; {@code zh-Hant-HK} renders with the
 *       {@code zh-Hant} messages and Hong Kong formats (default: every brand locale)</li>
 *   <li>{@code --out}: where to write (default: the {@code touchpoint.preview.out} system property, else
 *       {@code target/previews} relative to the working directory)</li>
 *   <li>{@code --brand}: render a brand folder (e.g. {@code src/main/resources/brand}) instead of the brand on the
 *       classpath, so designers see edits without rebuilding</li>
 * </ul>
 *
 * Exit status: 0 when everything rendered without rule errors (warnings are listed), 1 when a render failed or broke a
 * rule, 2 for bad arguments or a brand that does not load.
 */
public final class PreviewCommand {

    /** System property with the default output folder (the Maven build sets it to the module's target/previews). */
    public static final String OUT_PROPERTY = "touchpoint.preview.out";

    private PreviewCommand() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.exit(status);
    }

    /** Runs the command on the machine's clock (the copyright year of the previews); returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, java.time.Clock.systemUTC());
    }

    /** Runs the command with the clock the previews are rendered at; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err, java.time.Clock clock) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("preview: " + e.getMessage());
            err.println(usage());
            return 2;
        }
        if (arguments.help) {
            out.println(usage());
            return 0;
        }
        BrandDesignSystem brand;
        try {
            brand = arguments.brandDirectory == null
                    ? BrandDesignSystem.fromClasspath(BrandDesignSystem.DEFAULT_CLASSPATH_ROOT, BrandDesignSystem.class.getClassLoader(), clock)
                    : BrandDesignSystem.fromDirectory(arguments.brandDirectory, clock);
        } catch (TemplateDefinitionException e) {
            err.println("preview: the brand does not load: " + e.getMessage());
            return 2;
        }
        List<TemplateDescriptor> templates = new ArrayList<>();
        if (arguments.templates.isEmpty()) {
            templates.addAll(brand.templates());
        } else {
            for (String id : arguments.templates) {
                Optional<TemplateDescriptor> descriptor = brand.descriptor(id);
                if (descriptor.isEmpty()) {
                    err.println("preview: unknown template '" + id + "'; templates are "
                            + brand.templates().stream().map(TemplateDescriptor::id).toList());
                    return 2;
                }
                templates.add(descriptor.get());
            }
        }
        List<String> locales = arguments.locales.isEmpty() ? brand.locales() : arguments.locales;
        PreviewWriter writer = new PreviewWriter(arguments.out);
        List<PreviewWriter.Entry> entries = new ArrayList<>();
        int failed = 0;
        int warnings = 0;
        for (TemplateDescriptor template : templates) {
            for (Channel channel : template.channels()) {
                if (!arguments.channels.isEmpty() && !arguments.channels.contains(channel)) {
                    continue;
                }
                for (String locale : locales) {
                    String resolved = brand.resolveLocale(java.util.Locale.forLanguageTag(locale));
                    Optional<PreviewSample> sample = brand.sample(template.id(), resolved);
                    String label = template.id() + " " + channel.id() + " " + locale;
                    if (sample.isEmpty()) {
                        err.println("FAIL " + label + ": the template has no samples.json");
                        failed++;
                        continue;
                    }
                    RenderReport report = brand.check(sample.get().request(template.id(), channel, locale));
                    PreviewWriter.Entry entry;
                    try {
                        entry = writer.write(template, channel, locale, report);
                    } catch (UncheckedIOException e) {
                        err.println("preview: cannot write " + arguments.out + ": " + e.getMessage());
                        return 2;
                    }
                    entries.add(entry);
                    warnings += report.warnings().size();
                    if (report.ok()) {
                        out.println("OK   " + label + " -> " + entry.files() + warningSuffix(report));
                    } else {
                        failed++;
                        err.println("FAIL " + label);
                        report.failure().ifPresent(f -> err.println("     " + f.getMessage()));
                        for (RuleViolation violation : report.errors()) {
                            err.println("     " + violation);
                        }
                    }
                    for (RuleViolation warning : report.warnings()) {
                        out.println("     " + warning);
                    }
                }
            }
        }
        try {
            Path index = writer.writeIndex(entries);
            out.println("Wrote " + entries.size() + " previews (" + failed + " failed, " + warnings
                    + " warnings); open " + index.toAbsolutePath());
        } catch (IOException e) {
            err.println("preview: cannot write the index: " + e.getMessage());
            return 2;
        }
        return failed == 0 ? 0 : 1;
    }

    private static String warningSuffix(RenderReport report) {
        int count = report.warnings().size();
        return count == 0 ? "" : " (" + count + (count == 1 ? " warning)" : " warnings)");
    }

    static String usage() {
        return """
                usage: preview [templateId...] [--locale TAG]... [--channel email|sms|push|kiosk]... [--out DIR]
                               [--brand DIR]
                  Renders every template x channel x locale with its sample data into DIR (default
                  target/previews): email as .eml and .html, SMS as text with encoding and segments, push as JSON,
                  kiosk as a standalone HTML page. Exits 1 when any channel rule is broken.""";
    }

    /** Parsed command line. */
    static final class Arguments {
        final List<String> templates = new ArrayList<>();
        final List<String> locales = new ArrayList<>();
        final Set<Channel> channels = EnumSet.noneOf(Channel.class);
        Path out = Path.of(System.getProperty(OUT_PROPERTY, "target/previews"));
        Path brandDirectory;
        boolean help;

        static Arguments parse(String[] args) {
            Arguments arguments = new Arguments();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-h", "--help" -> arguments.help = true;
                    case "--locale", "-l" -> arguments.locales.add(value(args, ++i, arg));
                    case "--channel", "-c" -> arguments.channels.add(Channel.parse(value(args, ++i, arg)));
                    case "--out", "-o" -> arguments.out = Path.of(value(args, ++i, arg));
                    case "--brand" -> arguments.brandDirectory = Path.of(value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("--locale=")) {
                            arguments.locales.add(arg.substring("--locale=".length()));
                        } else if (arg.startsWith("--out=")) {
                            arguments.out = Path.of(arg.substring("--out=".length()));
                        } else if (arg.startsWith("--channel=")) {
                            arguments.channels.add(Channel.parse(arg.substring("--channel=".length())));
                        } else if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        } else {
                            arguments.templates.add(arg);
                        }
                    }
                }
            }
            for (String locale : arguments.locales) {
                if (java.util.Locale.forLanguageTag(locale).getLanguage().isEmpty()) {
                    throw new IllegalArgumentException("'" + locale + "' is not a BCP 47 language tag");
                }
            }
            return arguments;
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length || args[index].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }
    }
}
