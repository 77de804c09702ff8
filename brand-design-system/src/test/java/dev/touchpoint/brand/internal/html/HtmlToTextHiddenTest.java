package dev.touchpoint.brand.internal.html;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HtmlToText#hidesDisplay} answers what its definition answers: the style lower-cased, spaces removed,
 * contains {@code display:none}.
 */
class HtmlToTextHiddenTest {

    private static boolean definition(String style) {
        return style.toLowerCase(Locale.ROOT).replace(" ", "").contains("display:none");
    }

    @ParameterizedTest
    @ValueSource(strings = {"display:none", "DISPLAY : NONE", "d i s p l a y:n o n e", "display:\tnone",
            "display:block", "xdisplay:nonex", "color:red;display:none;", "display:no ne", "dİsplay:none",
            "display:nonE", ":none", "display:", ""})
    void matches_the_definition(String style) {
        assertThat(HtmlToText.hidesDisplay(style)).isEqualTo(definition(style));
    }

    @Test
    void random_styles_get_the_same_answer() {
        String[] parts = {"display", "DISPLAY", "dis", "play", "none", "NONE", "no", "ne", ":", ";", " ", "\t", "x",
                "İ", "\u212A", "ſ"};
        Random random = new Random(21);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder style = new StringBuilder();
            int length = random.nextInt(8);
            for (int i = 0; i < length; i++) {
                style.append(parts[random.nextInt(parts.length)]);
            }
            String s = style.toString();
            assertThat(HtmlToText.hidesDisplay(s)).as(s).isEqualTo(definition(s));
        }
    }
}
