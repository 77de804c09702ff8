package dev.touchpoint.brand.internal.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written scans of the email rules answer exactly what the expressions they replaced answered: the layout
 * CSS regular expression, {@code toLowerCase().contains("url(")} and the script check's lower-casing, on chosen
 * styles and on random strings made of the characters that matter (ASCII case, every {@code \s}, colons, and
 * characters whose case mapping is not ASCII's).
 */
class EmailRulesScanTest {

    private static final Pattern LAYOUT_CSS = Pattern.compile("(?i)display\\s*:\\s*(flex|grid|inline-flex)|"
            + "position\\s*:\\s*(absolute|fixed|sticky)|float\\s*:");

    @ParameterizedTest
    @ValueSource(strings = {"display:flex", "display : grid", "DISPLAY:\tInline-Flex", "xdisplay:flexy",
            "display:block", "display:none;float:left", "float :", "floatx:", "position:absolute", "position: static",
            "position:\u000Bsticky", "display\u00A0:flex", "ſloat:", "display:\nflex", "margin:0;display:", ":flex",
            "display:", "position:fix", "", ":", "::", "display::flex"})
    void layout_css_matches_the_regular_expression(String style) {
        assertThat(EmailRules.layoutCss(style)).isEqualTo(LAYOUT_CSS.matcher(style).find());
    }

    @ParameterizedTest
    @ValueSource(strings = {"url(x)", "URL(x)", "background:Url (x)", "uRl(", "curl(", "url", "(url)", "İurl(",
            "\u212Aurl(", "ürl(", "color:red", ""})
    void url_check_matches_lower_case_contains(String style) {
        assertThat(EmailRules.loadsUrl(style)).isEqualTo(style.toLowerCase(Locale.ROOT).contains("url("));
    }

    @Test
    void random_styles_get_the_same_answers() {
        String[] parts = {"display", "DISPLAY", "Display", "position", "float", "FLOAT", "flex", "grid", "inline-flex",
                "absolute", "fixed", "sticky", "url", "URL", "(", ":", ";", " ", "\t", "\n", "\u000B", "\f", "\r",
                "\u00A0", "x", "İ", "ſ", "\u212A", "script", "SCRIPT", "expression", "javascript", "vb", "none"};
        Random random = new Random(21);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder style = new StringBuilder();
            int length = random.nextInt(8);
            for (int i = 0; i < length; i++) {
                style.append(parts[random.nextInt(parts.length)]);
            }
            String s = style.toString();
            assertThat(EmailRules.layoutCss(s)).as(s).isEqualTo(LAYOUT_CSS.matcher(s).find());
            assertThat(EmailRules.loadsUrl(s)).as(s).isEqualTo(s.toLowerCase(Locale.ROOT).contains("url("));
            String lower = s.toLowerCase(Locale.ROOT);
            boolean names = lower.contains("script") || lower.contains("expression");
            if (names) {
                assertThat(HtmlChecks.mayNameScript(s)).as(s).isTrue();
            }
        }
    }
}
