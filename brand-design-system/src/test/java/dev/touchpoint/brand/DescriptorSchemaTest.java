package dev.touchpoint.brand;

import dev.touchpoint.channel.Channel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The descriptors ({@code brand.json}, {@code template.json}, {@code email.json}, {@code push.json},
 * {@code kiosk.json}, {@code samples.json}) are checked against their JSON Schemas under {@code schema/brand/} when the brand loads: a bad
 * one fails naming the file, the field and what is expected, and what the loader accepted before still loads.
 */
class DescriptorSchemaTest {

    private static void assertRefused(Path brand, String... fragments) {
        assertThatThrownBy(() -> BrandDesignSystem.fromDirectory(brand))
                .isInstanceOf(TemplateDefinitionException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
    }

    @Test
    void a_value_of_the_wrong_type_names_file_field_and_expected_type(@TempDir Path dir) {
        Path copy = Brands.copy(dir);
        Brands.replace(copy, "templates/cart-reminder/template.json",
                "\"cartTotal\": { \"type\": \"money\", \"required\": true", "\"cartTotal\": { \"type\": \"money\", \"required\": \"yes\"");
        assertRefused(copy, "templates/cart-reminder/template.json: variables.cartTotal.required: ",
                "string found, [boolean, null] expected", "(see schema/brand/template-descriptor.schema.json");
    }

    @Test
    void a_version_that_is_not_semantic_is_refused_with_the_value_found(@TempDir Path dir) {
        Path copy = Brands.copy(dir);
        Brands.replace(copy, "templates/welcome/template.json", "\"version\": \"1.0.0\"", "\"version\": \"1.0\"");
        assertRefused(copy, "templates/welcome/template.json: version: version must be semantic (1.2.0) (found \"1.0\")");
    }

    @Test
    void variable_names_must_be_lower_camel_case_and_not_reserved(@TempDir Path dir) {
        Path reserved = Brands.copy(dir.resolve("reserved"));
        Brands.replace(reserved, "templates/welcome/template.json", "\"shopUrl\": {", "\"survey\": {");
        assertRefused(reserved, "templates/welcome/template.json: variables.survey: variable name must not be one of");
        Path upper = Brands.copy(dir.resolve("upper"));
        Brands.replace(upper, "templates/cart-reminder/template.json", "\"price\": {", "\"Price\": {");
        assertRefused(upper, "templates/cart-reminder/template.json: variables.cartItems.items.Price:",
                "lowerCamelCase");
    }

    @Test
    void a_segment_budget_out_of_range_names_the_range(@TempDir Path dir) {
        Path copy = Brands.copy(dir);
        Brands.replace(copy, "templates/welcome/template.json", "\"segmentBudget\": 2", "\"segmentBudget\": 11");
        assertRefused(copy, "templates/welcome/template.json: sms.segmentBudget: must be between 1 and 10 (found 11)");
    }

    @Test
    void the_manifest_is_checked_too(@TempDir Path dir) {
        Path partial = Brands.copy(dir.resolve("partial"));
        Brands.replace(partial, "brand.json", "\"partials/email-heading\"", "\"partials/Email-heading\"");
        assertRefused(partial, "brand.json: partials.3: must be layouts/<name> or partials/<name>",
                "(found \"partials/Email-heading\")", "(see schema/brand/brand-manifest.schema.json");
        Path missing = Brands.copy(dir.resolve("missing"));
        Brands.replace(missing, "brand.json", "\"defaultLocale\": \"en\",", "");
        assertRefused(missing, "brand.json: defaultLocale: is required");
    }

    @Test
    void channel_files_are_checked_against_their_schemas(@TempDir Path dir) {
        Path email = Brands.copy(dir.resolve("email"));
        Brands.replace(email, "templates/welcome/email.json", "\"preheader\": \"{{t 'email.preheader'}}\"",
                "\"preHeader\": \"{{t 'email.preheader'}}\"");
        assertRefused(email, "templates/welcome/email.json: preheader: is required", "schema/brand/email.schema.json");
        Path push = Brands.copy(dir.resolve("push"));
        Brands.replace(push, "templates/cart-reminder/push.json", "\"itemCount\": \"{{cartItems.length}}\"",
                "\"itemCount\": 2");
        assertRefused(push, "templates/cart-reminder/push.json: data.itemCount: must be a string (FCM data values are"
                + " strings)");
        Path kiosk = Brands.copy(dir.resolve("kiosk"));
        Brands.replace(kiosk, "templates/store-greeting/kiosk.json", "\"headline\": \"{{t 'kiosk.headline'}}\"",
                "\"headline\": \"  \"");
        assertRefused(kiosk, "templates/store-greeting/kiosk.json: headline: needs a non-empty template");
    }

    @Test
    void samples_are_checked_when_the_brand_loads(@TempDir Path dir) {
        Path copy = Brands.copy(dir);
        Brands.replace(copy, "templates/cart-reminder/samples.json", "\"zone\": \"Europe/Berlin\"", "\"zone\": 1");
        assertRefused(copy, "templates/cart-reminder/samples.json: zone: integer found, string expected",
                "(see schema/brand/samples.schema.json)");
    }

    @Test
    void names_of_channels_and_categories_are_still_read_in_any_case(@TempDir Path dir) {
        Path copy = Brands.copy(dir);
        Brands.replace(copy, "templates/cart-reminder/template.json", "\"channels\": [\"email\", \"sms\", \"push\"]",
                "\"channels\": [\"EMAIL\", \"Sms\", \"push\"]");
        Brands.replace(copy, "templates/cart-reminder/template.json", "\"category\": \"marketing\"",
                "\"category\": \"Marketing\"");
        TemplateDescriptor descriptor = BrandDesignSystem.fromDirectory(copy).descriptor("cart-reminder").orElseThrow();
        assertThat(descriptor.channels()).containsExactlyInAnyOrder(Channel.EMAIL, Channel.SMS, Channel.PUSH);
        assertThat(descriptor.category()).isEqualTo(Category.MARKETING);
    }
}
