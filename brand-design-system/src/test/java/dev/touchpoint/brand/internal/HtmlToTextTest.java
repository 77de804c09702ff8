package dev.touchpoint.brand.internal;

import dev.touchpoint.brand.internal.html.HtmlToText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlToTextTest {

    @Test
    void blocks_become_paragraphs_links_keep_their_target_and_hidden_parts_vanish() {
        String html = """
                <!DOCTYPE html><html lang="en"><head><title>T</title><style>.a{color:red}</style></head><body>
                <div style="display:none;">Hidden preheader&#8203;&#847;</div>
                <h1>Hello  &amp; welcome</h1>
                <p>First line<br>second line</p>
                <table><tr><td>Mug</td><td>2 &times; &euro;5.00</td></tr><tr><td>Total</td><td>&euro;10.00</td></tr></table>
                <p><a href="https://x.example/cart">Back to your cart</a> &middot; <a href="https://x.example/">https://x.example/</a></p>
                <a href="https://x.example"><img src="https://x/logo.png" alt="Logo"></a>
                <p><a href="mailto:care@x.example">Write to us</a></p>
                </body></html>""";
        assertThat(HtmlToText.convert(html)).isEqualTo("""
                Hello & welcome

                First line
                second line

                Mug  2 × €5.00
                Total  €10.00

                Back to your cart (https://x.example/cart) · https://x.example/

                Write to us
                """);
    }
}
