package dev.touchpoint.brand;

import dev.touchpoint.channel.Channel;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the rendered output of the shipped brand: the content fingerprint (SHA-256 over every field a channel sends)
 * and every warning of each template, channel and locale (plus regional locales that fall back), rendered with the
 * templates' sample data on the fixed test clock. A change to the renderer that is meant to be faster only must keep
 * this file byte for byte; a change to a template or message changes it on purpose: regenerate it with
 * {@code -Dtouchpoint.golden.write=true} and review the diff.
 */
class RenderGoldenTest {

    /** The pinned file in the module's sources ({@code touchpoint.golden.file} from the pom), where a rewrite goes. */
    private static final Path GOLDEN = Path.of(System.getProperty("touchpoint.golden.file",
            Path.of("src", "test", "resources", "render-golden.txt").toString()));
    private static final List<String> EXTRA_LOCALES = List.of("zh-Hant-HK", "de-AT", "en-US", "fr-FR");

    private final BrandDesignSystem brand = Brands.shipped();

    @Test
    void every_template_channel_and_locale_renders_exactly_as_pinned() throws IOException {
        String actual = String.join("\n", lines()) + "\n";
        if (Boolean.getBoolean("touchpoint.golden.write")) {
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(GOLDEN).as("regenerate with -Dtouchpoint.golden.write=true").exists();
        assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    private List<String> lines() {
        List<String> locales = new ArrayList<>(brand.locales());
        locales.addAll(EXTRA_LOCALES);
        List<String> lines = new ArrayList<>();
        for (TemplateDescriptor template : brand.templates()) {
            for (Channel channel : Channel.values()) {
                if (!template.supports(channel)) {
                    continue;
                }
                for (String locale : locales) {
                    String resolved = brand.resolveLocale(java.util.Locale.forLanguageTag(locale));
                    Optional<PreviewSample> sample = brand.sample(template.id(), resolved);
                    if (sample.isEmpty()) {
                        lines.add(template.id() + " " + channel + " " + locale + " no sample");
                        continue;
                    }
                    RenderReport report = brand.check(sample.get().request(template.id(), channel, locale));
                    StringBuilder line = new StringBuilder(template.id() + " " + channel + " " + locale + " ");
                    report.message().ifPresentOrElse(message -> line.append(message.fingerprint().sha256())
                                    .append(' ').append(message.fingerprint().locale()),
                            () -> line.append("failed ").append(report.failure().map(Throwable::getMessage).orElse("")));
                    for (RuleViolation violation : report.violations()) {
                        line.append("\n  ").append(violation);
                    }
                    lines.add(line.toString());
                }
            }
        }
        return lines;
    }
}
