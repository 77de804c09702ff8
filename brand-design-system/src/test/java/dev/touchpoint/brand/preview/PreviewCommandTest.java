package dev.touchpoint.brand.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.brand.Brands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The preview command: every template x channel x locale into files, and its exit status. */
class PreviewCommandTest {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int run(String... args) {
        return PreviewCommand.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), dev.touchpoint.brand.Brands.CLOCK);
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void renders_every_template_channel_and_locale_into_files(@TempDir Path dir) throws Exception {
        assertThat(run("--out", dir.toString())).as(err()).isZero();
        assertThat(out()).contains("Wrote 104 previews (0 failed, 0 warnings)");
        for (String locale : new String[]{"en", "de", "zh-Hans", "zh-Hant"}) {
            assertThat(dir.resolve("welcome/" + locale + "/email.eml")).isRegularFile();
            assertThat(dir.resolve("welcome/" + locale + "/email.html")).isRegularFile();
            assertThat(dir.resolve("welcome/" + locale + "/sms.txt")).isRegularFile();
            assertThat(dir.resolve("welcome/" + locale + "/push.json")).isRegularFile();
            assertThat(dir.resolve("welcome/" + locale + "/kiosk.html")).isRegularFile();
            assertThat(dir.resolve("store-greeting/" + locale + "/kiosk.html")).isRegularFile();
            assertThat(dir.resolve("order-shipped/" + locale + "/sms.txt")).isRegularFile();
        }
        assertThat(dir.resolve("store-greeting/en/email.eml")).doesNotExist();
        assertThat(Files.readString(dir.resolve("welcome/de/sms.txt")))
                .contains("# encoding:   GSM-7", "# segments:   2 of at most 2 (186 septets; 160 in one SMS, 153 per part)",
                        "Antworte STOP zum Abmelden");
        assertThat(Files.readString(dir.resolve("welcome/zh-Hans/sms.txt"))).contains("# encoding:   UCS-2");
        JsonNode push = new ObjectMapper().readTree(dir.resolve("order-shipped/en/push.json").toFile());
        assertThat(push.get("title").asText()).isEqualTo("Your order is on its way");
        assertThat(push.get("payload").get("data").get("orderNumber").asText()).isEqualTo("AO-104729");
        assertThat(push.get("fingerprint").get("sha256").asText()).hasSize(64);
        assertThat(Files.readString(dir.resolve("winback-offer/zh-Hant/kiosk.html"))).startsWith("<!DOCTYPE html>")
                .contains("<section class=\"tp-kiosk\" lang=\"zh-Hant\"");
        assertThat(Files.readString(dir.resolve("index.html"))).contains("cart-reminder/de/email.eml");
    }

    @Test
    void a_regional_locale_renders_with_its_fallback_messages(@TempDir Path dir) throws Exception {
        assertThat(run("cart-reminder", "--locale", "zh-Hant-HK", "--channel", "push", "--out", dir.toString()))
                .as(err()).isZero();
        JsonNode push = new ObjectMapper().readTree(dir.resolve("cart-reminder/zh-Hant-HK/push.json").toFile());
        assertThat(push.get("body").asText()).contains("HK$1,510.00");
        assertThat(push.get("fingerprint").get("locale").asText()).isEqualTo("zh-Hant");
    }

    @Test
    void exits_non_zero_when_a_rule_is_broken(@TempDir Path dir) {
        Path brand = Brands.copy(dir.resolve("brand"));
        Brands.replace(brand, "templates/order-shipped/template.json", "\"segmentBudget\": 2", "\"segmentBudget\": 1");
        assertThat(run("order-shipped", "--brand", brand.toString(), "--out", dir.resolve("out").toString()))
                .isEqualTo(1);
        assertThat(err()).contains("FAIL order-shipped sms en", "sms.segment-budget");
        assertThat(out()).contains("OK   order-shipped email en", "(4 failed, 0 warnings)");
        assertThat(dir.resolve("out/order-shipped/en/sms.problems.txt")).content().contains("sms.segment-budget");
    }

    @Test
    void exits_2_for_unknown_templates_bad_options_and_broken_brands(@TempDir Path dir) {
        assertThat(run("no-such-template", "--out", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("unknown template 'no-such-template'");
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(run("--locale")).isEqualTo(2);
        Path brand = Brands.copy(dir.resolve("brand"));
        Brands.replace(brand, "brand.json", "\"zh-Hant\"]", "\"zh-Hant\", \"fr\"]");
        assertThat(run("--brand", brand.toString(), "--out", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("the brand does not load", "locales/fr.json");
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("usage: preview");
    }
}
