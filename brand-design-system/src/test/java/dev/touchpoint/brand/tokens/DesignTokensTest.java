package dev.touchpoint.brand.tokens;

import dev.touchpoint.brand.Brands;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The W3C Design Tokens (DTCG 2025.10) reader: types, aliases, modes, CSS output and its safety checks. */
class DesignTokensTest {

    private static DesignTokens parse(String json) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("test.tokens.json", json);
        return DesignTokens.parse(files);
    }

    @Test
    void colours_in_object_and_string_form() {
        DesignTokens tokens = parse("""
                {"color": {"$type": "color",
                  "a": {"$value": {"colorSpace": "srgb", "components": [0.1216, 0.2392, 0.1686]}},
                  "b": {"$value": "#ABC"},
                  "c": {"$value": "#11223380"},
                  "d": {"$value": {"colorSpace": "oklch", "components": [0.5, 0.1, 200], "hex": "#336699"}},
                  "e": {"$value": {"colorSpace": "srgb", "components": [1, 1, 1], "alpha": 0.5}}
                }}""");
        assertThat(tokens.css("color.a")).isEqualTo("#1f3d2b");
        assertThat(tokens.css("color.b")).isEqualTo("#aabbcc");
        assertThat(tokens.css("color.c")).isEqualTo("rgba(17,34,51,0.502)");
        assertThat(tokens.css("color.d")).isEqualTo("#336699");
        assertThat(tokens.css("color.e")).isEqualTo("rgba(255,255,255,0.5)");
    }

    @Test
    void dimensions_fonts_and_typography_become_css() {
        DesignTokens tokens = parse("""
                {"size": {"$type": "dimension", "m": {"$value": {"value": 16, "unit": "px"}}, "r": {"$value": "1.50rem"}},
                 "font": {"sans": {"$type": "fontFamily", "$value": ["Helvetica Neue", "Arial", "sans-serif"]},
                          "bold": {"$type": "fontWeight", "$value": "bold"}},
                 "typography": {"body": {"$type": "typography", "$value": {"fontFamily": "{font.sans}",
                     "fontSize": "{size.m}", "fontWeight": "{font.bold}", "lineHeight": 1.5,
                     "letterSpacing": {"value": 0.5, "unit": "px"}}}},
                 "motion": {"fast": {"$type": "duration", "$value": {"value": 150, "unit": "ms"}}}}""");
        assertThat(tokens.css("size.m")).isEqualTo("16px");
        assertThat(tokens.css("size.r")).isEqualTo("1.5rem");
        assertThat(tokens.css("font.sans")).isEqualTo("'Helvetica Neue', Arial, sans-serif");
        assertThat(tokens.css("font.bold")).isEqualTo("700");
        assertThat(tokens.css("motion.fast")).isEqualTo("150ms");
        assertThat(tokens.css("typography.body")).isEqualTo("font-family:'Helvetica Neue', Arial, sans-serif;"
                + "font-size:16px;font-weight:700;line-height:1.5;letter-spacing:0.5px");
        assertThat(tokens.typographyVars("typography.body")).startsWith(
                "font-family:var(--tp-typography-body-font-family);font-size:var(--tp-typography-body-font-size)");
    }

    @Test
    void group_types_are_inherited_and_aliases_resolved_in_chains() {
        DesignTokens tokens = parse("""
                {"color": {"$type": "color", "base": {"$value": "#000000"}, "mid": {"$value": "{color.base}"},
                 "top": {"$value": "{color.mid}", "$description": "chained"}}}""");
        DesignToken top = tokens.get("color.top");
        assertThat(top.value()).isEqualTo("#000000");
        assertThat(top.type()).isEqualTo(TokenType.COLOR);
        assertThat(top.aliasOf()).isEqualTo("color.mid");
        assertThat(top.description()).isEqualTo("chained");
    }

    @Test
    void broken_tokens_fail_with_file_and_path() {
        assertThatThrownBy(() -> parse("""
                {"color": {"$type": "color", "a": {"$value": "{color.b}"}, "b": {"$value": "{color.a}"}}}"""))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("alias cycle");
        assertThatThrownBy(() -> parse("{\"x\": {\"$type\": \"gradientish\", \"$value\": 1}}"))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("unsupported $type");
        assertThatThrownBy(() -> parse("""
                {"size": {"$type": "dimension", "$value": {"value": 1, "unit": "px"}},
                 "color": {"$type": "color", "a": {"$value": "{size}"}}}"""))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("is a color but its alias");
        assertThatThrownBy(() -> parse("{\"c\": {\"$type\": \"color\", \"$value\": \"red\"}}"))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("test.tokens.json token 'c'");
        assertThatThrownBy(() -> parse("{\"c\": {\"$value\": \"#fff\"}}"))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("has no $type");
        assertThatThrownBy(() -> parse("{\"s\": {\"$type\": \"dimension\", \"$value\": {\"value\": 1, \"unit\": \"em\"}}}"))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("px or rem");
    }

    @Test
    void css_values_that_could_break_out_of_html_are_refused() {
        assertThatThrownBy(() -> parse("{\"f\": {\"$type\": \"fontFamily\", \"$value\": [\"Arial\\\"><script>\"]}}"))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("font name");
        assertThatThrownBy(() -> parse("{\"u\": {\"$type\": \"file\", \"$value\": \"../../etc/passwd\"}}"))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("relative path");
    }

    @Test
    void light_and_dark_must_define_the_same_colours() {
        assertThatThrownBy(() -> parse("""
                {"color": {"$type": "color", "light": {"text": {"$value": "#000"}, "link": {"$value": "#00f"}},
                 "dark": {"text": {"$value": "#fff"}}}}"""))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("only light: [link]");
    }

    @Test
    void custom_properties_switch_colours_by_scheme() {
        DesignTokens tokens = parse("""
                {"color": {"$type": "color", "palette": {"ink": {"$value": "#111111"}},
                   "light": {"text": {"$value": "{color.palette.ink}"}}, "dark": {"text": {"$value": "#eeeeee"}}},
                 "spacing": {"md": {"$type": "dimension", "$value": {"value": 16, "unit": "px"}}}}""");
        assertThat(tokens.customProperties(DesignTokens.ColorScheme.LIGHT))
                .containsExactly(Map.entry("--tp-color-text", "#111111"), Map.entry("--tp-spacing-md", "16px"));
        assertThat(tokens.customProperties(DesignTokens.ColorScheme.DARK))
                .containsExactly(Map.entry("--tp-color-text", "#eeeeee"));
        assertThat(tokens.cssVar("color.text")).isEqualTo("var(--tp-color-text)");
        assertThat(tokens.cssVar("spacing.md")).isEqualTo("var(--tp-spacing-md)");
        assertThat(tokens.customPropertiesCss(".k")).isEqualTo(".k{--tp-color-text:#111111;--tp-spacing-md:16px;}\n"
                + "@media (prefers-color-scheme: dark){.k{--tp-color-text:#eeeeee;}}");
    }

    @Test
    void content_tokens_are_exposed_as_camel_case_groups() {
        DesignTokens tokens = parse("""
                {"brand": {"$type": "string", "name": {"$value": "Aster & Oak"},
                 "legal-name": {"$value": "Aster & Oak GmbH"},
                 "website": {"$type": "uri", "$value": "https://www.asteroak.example"}}}""");
        assertThat(tokens.group("brand")).containsExactly(Map.entry("name", "Aster & Oak"),
                Map.entry("legalName", "Aster & Oak GmbH"), Map.entry("website", "https://www.asteroak.example"));
        assertThatThrownBy(() -> tokens.css("brand.name")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_shipped_tokens_cover_colours_in_both_modes_typography_spacing_assets_and_senders() {
        DesignTokens tokens = Brands.shipped().tokens();
        assertThat(tokens.css("color.light.primary")).isEqualTo("#1f3d2b");
        assertThat(tokens.css("color.dark.primary")).isEqualTo("#8fc5a0");
        assertThat(tokens.css("typography.heading-1")).contains("font-size:28px");
        assertThat(tokens.css("spacing.md")).isEqualTo("16px");
        assertThat(tokens.css("radius.md")).isEqualTo("8px");
        assertThat(tokens.get("asset.logo.file").type()).isEqualTo(TokenType.FILE);
        assertThat(tokens.text("asset.logo.email")).startsWith("https://");
        assertThat(tokens.text("brand.postal-address")).contains("Berlin");
        assertThat(tokens.text("sender.email.marketing.address")).isEqualTo("hello@news.asteroak.example");
        assertThat(tokens.text("sender.sms.alphanumeric-id")).hasSizeLessThanOrEqualTo(11);
        assertThat(tokens.customProperties(DesignTokens.ColorScheme.LIGHT)).doesNotContainKey(
                "--tp-color-palette-oak-900");
    }
}
