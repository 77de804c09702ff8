package dev.touchpoint.brand;

import dev.touchpoint.channel.Channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Resource sync over the brand's source folder: every template has every locale and every key, every channel it
 * declares and nothing it does not, every variable it declares is used and every variable it uses is declared, the
 * samples cover all required variables, and every template x channel x locale renders without breaking a rule. The
 * second half proves the loader itself refuses a brand that is out of sync.
 */
class TemplateResourceSyncTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PLURAL_FORMS = Set.of("zero", "one", "two", "few", "many");
    private static final Pattern T_CALL = Pattern.compile("[{(]~?\\s*t\\s+[\"']([^\"']+)[\"']");
    private static final Pattern PLURAL_CALL = Pattern.compile("plural\\s+[^\\s}]+\\s+[\"']([^\"']+)[\"']");
    private static final Map<Channel, List<String>> CHANNEL_FILES = Map.of(
            Channel.EMAIL, List.of("email.json", "email.html.hbs"),
            Channel.SMS, List.of("sms.hbs"),
            Channel.PUSH, List.of("push.json"),
            Channel.KIOSK, List.of("kiosk.json"));

    private final BrandDesignSystem brand = Brands.shipped();
    private final JsonNode manifest = json(Brands.SOURCE.resolve("brand.json"));

    @Test
    void the_brand_has_the_four_required_locales() {
        assertThat(brand.locales()).containsExactly("en", "de", "zh-Hans", "zh-Hant");
        assertThat(brand.defaultLocale()).isEqualTo("en");
    }

    @Test
    void every_template_folder_is_listed_and_every_listed_template_has_a_folder() throws IOException {
        Set<String> folders = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(Brands.SOURCE.resolve("templates"))) {
            dirs.filter(Files::isDirectory).forEach(d -> folders.add(d.getFileName().toString()));
        }
        Set<String> listed = new TreeSet<>();
        manifest.get("templates").forEach(t -> listed.add(t.asText()));
        assertThat(folders).isEqualTo(listed).contains("welcome", "cart-reminder", "store-greeting",
                "winback-offer", "order-shipped");
    }

    @Test
    void every_layout_and_partial_file_is_listed() throws IOException {
        Set<String> files = new TreeSet<>();
        for (String folder : List.of("layouts", "partials")) {
            try (Stream<Path> list = Files.list(Brands.SOURCE.resolve(folder))) {
                list.forEach(f -> files.add(folder + "/" + f.getFileName().toString().replaceFirst("\\.hbs$", "")));
            }
        }
        Set<String> listed = new TreeSet<>();
        manifest.get("partials").forEach(p -> listed.add(p.asText()));
        assertThat(files).isEqualTo(listed);
    }

    @Test
    void every_template_has_every_locale_with_the_same_keys_and_every_key_it_uses() throws IOException {
        Path brandLocales = Brands.SOURCE.resolve("locales");
        Map<String, Set<String>> brandKeys = new java.util.HashMap<>();
        for (String locale : brand.locales()) {
            brandKeys.put(locale, prefixed("brand.", keys(json(brandLocales.resolve(locale + ".json")))));
        }
        assertSameKeys("brand", brandKeys);
        for (TemplateDescriptor template : brand.templates()) {
            Path dir = Brands.SOURCE.resolve("templates").resolve(template.id());
            Map<String, Set<String>> keysByLocale = new java.util.HashMap<>();
            for (String locale : brand.locales()) {
                Path file = dir.resolve("locales").resolve(locale + ".json");
                assertThat(file).as("%s has locale %s", template.id(), locale).isRegularFile();
                keysByLocale.put(locale, keys(json(file)));
            }
            assertSameKeys(template.id(), keysByLocale);
            List<String> sources = channelSources(template);
            for (String locale : brand.locales()) {
                Set<String> available = new HashSet<>(keysByLocale.get(locale));
                available.addAll(brandKeys.get(locale));
                List<String> messages = messages(json(dir.resolve("locales").resolve(locale + ".json")));
                List<String> all = new ArrayList<>(sources);
                all.addAll(messages);
                for (String used : usedKeys(all)) {
                    assertThat(available).as("%s/%s uses message %s", template.id(), locale, used).contains(used);
                }
                for (VariableSpec variable : template.variables()) {
                    variable.defaultMessageKey().ifPresent(key -> assertThat(available)
                            .as("%s default of %s", template.id(), variable.name()).contains(key));
                }
            }
        }
    }

    @Test
    void every_declared_channel_has_its_files_and_no_other_channel_has_any() {
        for (TemplateDescriptor template : brand.templates()) {
            Path dir = Brands.SOURCE.resolve("templates").resolve(template.id());
            for (Channel channel : Channel.values()) {
                for (String file : CHANNEL_FILES.get(channel)) {
                    if (template.supports(channel)) {
                        assertThat(dir.resolve(file)).as("%s needs %s", template.id(), file).isRegularFile();
                    } else {
                        assertThat(dir.resolve(file)).as("%s does not declare %s", template.id(), channel)
                                .doesNotExist();
                    }
                }
            }
            if (!template.supports(Channel.EMAIL)) {
                assertThat(dir.resolve("email.text.hbs")).doesNotExist();
            }
        }
    }

    @Test
    void every_declared_variable_is_used_by_some_channel_or_message() throws IOException {
        for (TemplateDescriptor template : brand.templates()) {
            Path dir = Brands.SOURCE.resolve("templates").resolve(template.id());
            StringBuilder everything = new StringBuilder(String.join("\n", channelSources(template)));
            for (String locale : brand.locales()) {
                everything.append(Files.readString(dir.resolve("locales").resolve(locale + ".json")));
            }
            for (VariableSpec variable : template.variables()) {
                assertThat(everything.toString()).as("%s uses %s", template.id(), variable.name())
                        .containsPattern("\\b" + variable.name() + "\\b");
            }
        }
    }

    @Test
    void samples_supply_every_required_variable_in_every_locale() {
        for (TemplateDescriptor template : brand.templates()) {
            for (String locale : brand.locales()) {
                PreviewSample sample = brand.sample(template.id(), locale).orElseThrow(() -> new AssertionError(
                        template.id() + " has no samples.json"));
                for (VariableSpec required : template.requiredVariables()) {
                    assertThat(sample.variables()).as("%s/%s sample", template.id(), locale)
                            .containsKey(required.name());
                }
                if (template.category() == Category.MARKETING && template.supports(Channel.EMAIL)) {
                    assertThat(sample.unsubscribeToken()).as("%s sample token", template.id()).isNotBlank();
                }
            }
        }
    }

    @Test
    void every_template_channel_and_locale_renders_its_sample_within_the_rules() {
        int rendered = 0;
        for (TemplateDescriptor template : brand.templates()) {
            for (Channel channel : template.channels()) {
                for (String locale : brand.locales()) {
                    RenderReport report = brand.check(Brands.sample(template.id(), channel, locale));
                    assertThat(report.failure()).as("%s %s %s", template.id(), channel, locale).isEmpty();
                    assertThat(report.violations()).as("%s %s %s", template.id(), channel, locale).isEmpty();
                    assertThat(report.message().orElseThrow().fingerprint().locale()).isEqualTo(locale);
                    rendered++;
                }
            }
        }
        assertThat(rendered).isEqualTo(104);
    }

    // ------------------------------------------------------------------ the loader refuses a brand out of sync

    @Test
    void a_missing_key_in_one_locale_fails_the_load_naming_file_and_key(@TempDir Path dir) {
        Path copy = Brands.copy(dir);
        Brands.replace(copy, "templates/cart-reminder/locales/de.json", "\"total\": \"Summe\",", "");
        assertThatThrownBy(() -> BrandDesignSystem.fromDirectory(copy))
                .isInstanceOf(TemplateDefinitionException.class)
                .hasMessageContaining("templates/cart-reminder/locales/de.json")
                .hasMessageContaining("email.total");
    }

    @Test
    void a_missing_locale_file_fails_the_load(@TempDir Path dir) throws IOException {
        Path copy = Brands.copy(dir);
        Files.delete(copy.resolve("templates/order-shipped/locales/zh-Hant.json"));
        assertThatThrownBy(() -> BrandDesignSystem.fromDirectory(copy))
                .isInstanceOf(TemplateDefinitionException.class)
                .hasMessageContaining("templates/order-shipped/locales/zh-Hant.json");
    }

    @Test
    void a_message_used_by_a_template_but_missing_everywhere_fails_the_load(@TempDir Path dir) {
        Path copy = Brands.copy(dir);
        Brands.replace(copy, "templates/welcome/email.html.hbs", "(t \"email.cta\")", "(t \"email.callToAction\")");
        assertThatThrownBy(() -> BrandDesignSystem.fromDirectory(copy))
                .isInstanceOf(TemplateDefinitionException.class)
                .hasMessageContaining("email.callToAction");
    }

    @Test
    void an_undeclared_variable_fails_the_load(@TempDir Path dir) {
        Path copy = Brands.copy(dir);
        Brands.replace(copy, "templates/order-shipped/locales/en.json", "with {{carrier}}.",
                "with {{carrier}} for {{customerEmail}}.");
        assertThatThrownBy(() -> BrandDesignSystem.fromDirectory(copy))
                .isInstanceOf(TemplateDefinitionException.class)
                .hasMessageContaining("customerEmail").hasMessageContaining("not a declared variable");
    }

    @Test
    void a_missing_channel_file_and_a_broken_token_fail_the_load(@TempDir Path dir) throws IOException {
        Path noSms = Brands.copy(dir.resolve("no-sms"));
        Files.delete(noSms.resolve("templates/winback-offer/sms.hbs"));
        assertThatThrownBy(() -> BrandDesignSystem.fromDirectory(noSms))
                .isInstanceOf(TemplateDefinitionException.class)
                .hasMessageContaining("templates/winback-offer/sms.hbs");
        Path badToken = Brands.copy(dir.resolve("bad-token"));
        Brands.replace(badToken, "tokens/color.tokens.json", "\"{color.palette.cream}\"", "\"{color.palette.nope}\"");
        assertThatThrownBy(() -> BrandDesignSystem.fromDirectory(badToken))
                .isInstanceOf(TemplateDefinitionException.class)
                .hasMessageContaining("color.light.background").hasMessageContaining("color.palette.nope");
    }

    @Test
    void a_template_that_names_an_unknown_token_fails_the_load(@TempDir Path dir) {
        Path copy = Brands.copy(dir);
        Brands.replace(copy, "partials/email-button.hbs", "{{token \"radius.md\"}};background",
                "{{token \"radius.huge\"}};background");
        assertThatThrownBy(() -> BrandDesignSystem.fromDirectory(copy))
                .isInstanceOf(TemplateDefinitionException.class)
                .hasMessageContaining("partials/email-button.hbs").hasMessageContaining("radius.huge");
    }

    @Test
    void a_brand_change_is_one_token_edit(@TempDir Path dir) {
        Path copy = Brands.copy(dir);
        Brands.replace(copy, "tokens/color.tokens.json", "[0.1216, 0.2392, 0.1686], \"hex\": \"#1f3d2b\"",
                "[0.0, 0.2, 0.4], \"hex\": \"#003366\"");
        BrandDesignSystem changed = BrandDesignSystem.fromDirectory(copy);
        for (TemplateDescriptor template : changed.templates()) {
            if (template.supports(Channel.EMAIL)) {
                RenderedEmail email = changed.renderEmail(Brands.sample(template.id(), Channel.EMAIL, "en"));
                assertThat(email.html()).contains("#003366").doesNotContain("#1f3d2b");
            }
            if (template.supports(Channel.KIOSK)) {
                RenderedKiosk kiosk = changed.renderKiosk(Brands.sample(template.id(), Channel.KIOSK, "en"));
                assertThat(kiosk.html()).contains("--tp-color-primary:#003366");
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void assertSameKeys(String what, Map<String, Set<String>> keysByLocale) {
        Set<String> reference = withoutPluralForms(keysByLocale.get("en"));
        keysByLocale.forEach((locale, keys) -> assertThat(withoutPluralForms(keys))
                .as("%s keys of %s", what, locale).isEqualTo(reference));
    }

    private static Set<String> withoutPluralForms(Set<String> keys) {
        Set<String> result = new TreeSet<>();
        for (String key : keys) {
            int dot = key.lastIndexOf('.');
            boolean plural = dot > 0 && PLURAL_FORMS.contains(key.substring(dot + 1))
                    && keys.contains(key.substring(0, dot) + ".other");
            if (!plural) {
                result.add(key);
            }
        }
        return result;
    }

    private static List<String> channelSources(TemplateDescriptor template) {
        Path dir = Brands.SOURCE.resolve("templates").resolve(template.id());
        List<String> sources = new ArrayList<>();
        for (String file : List.of("email.json", "email.html.hbs", "email.text.hbs", "sms.hbs", "push.json",
                "kiosk.json")) {
            Path path = dir.resolve(file);
            if (Files.exists(path)) {
                try {
                    sources.add(Files.readString(path));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return sources;
    }

    private static Set<String> usedKeys(List<String> sources) {
        Set<String> keys = new TreeSet<>();
        for (String source : sources) {
            Matcher t = T_CALL.matcher(source);
            while (t.find()) {
                keys.add(t.group(1));
            }
            Matcher plural = PLURAL_CALL.matcher(source);
            while (plural.find()) {
                keys.add(plural.group(1) + ".other");
            }
        }
        return keys;
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        collect(node, "", keys, null);
        return keys;
    }

    private static List<String> messages(JsonNode node) {
        List<String> values = new ArrayList<>();
        collect(node, "", null, values);
        return values;
    }

    private static void collect(JsonNode node, String prefix, Set<String> keys, List<String> values) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (field.getValue().isObject()) {
                collect(field.getValue(), key, keys, values);
            } else {
                if (keys != null) {
                    keys.add(key);
                }
                if (values != null) {
                    values.add(field.getValue().asText());
                }
            }
        }
    }

    private static Set<String> prefixed(String prefix, Set<String> keys) {
        Set<String> result = new TreeSet<>();
        keys.forEach(k -> result.add(prefix + k));
        return result;
    }

    private static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
