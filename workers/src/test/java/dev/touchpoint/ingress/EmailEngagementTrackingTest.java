package dev.touchpoint.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoint.brand.BrandDesignSystem;
import dev.touchpoint.brand.Category;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.brand.RenderedEmail;
import dev.touchpoint.channel.EmailCategory;
import dev.touchpoint.channel.EmailContent;
import dev.touchpoint.channel.ListUnsubscribe;
import dev.touchpoint.channel.SmsContent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EmailEngagementTrackingTest {

    private static final BrandDesignSystem BRAND = BrandDesignSystem.fromClasspath();
    private static final String BASE = "https://t.example.com";

    private final TrackingLinks links = new TrackingLinks(TrackingLinks.secrets("tracking-secret-0123456789", List.of()),
            Duration.ofDays(90), Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
    private final EmailEngagementTracking tracking = new EmailEngagementTracking(links, BASE + "/", true, true);

    @ParameterizedTest
    @ValueSource(strings = {"welcome", "cart-reminder", "winback-offer", "order-shipped"})
    void everyLinkOfARealEmailBecomesASignedClickLinkToExactlyTheRenderedUrlAndThePixelGoesInTheBody(String template) {
        EmailContent rendered = render(template);
        EmailContent sent = (EmailContent) tracking.track(rendered, "c-42", "touchpoint-key-1");

        List<String> before = hrefs(rendered.html());
        List<String> after = hrefs(sent.html());
        assertThat(after).hasSameSizeAs(before);
        String unsubscribe = rendered.listUnsubscribe() == null ? null : rendered.listUnsubscribe().oneClick().toString();
        int tracked = 0;
        for (int i = 0; i < before.size(); i++) {
            String original = EmailEngagementTracking.decodeEntities(before.get(i));
            if (!original.startsWith("http") || original.equals(unsubscribe)) {
                assertThat(after.get(i)).as("left as rendered: " + original).isEqualTo(before.get(i));
                continue;
            }
            tracked++;
            assertThat(after.get(i)).startsWith(BASE + TrackingLinks.CLICK_PREFIX);
            TrackingLinks.TrackedLink link = links.verify(after.get(i).substring((BASE + TrackingLinks.CLICK_PREFIX).length()),
                    TrackingLinks.Kind.CLICK).orElseThrow();
            assertThat(link.url()).isEqualTo(original);
            assertThat(link.customerId()).isEqualTo("c-42");
            assertThat(link.messageId()).isEqualTo("touchpoint-key-1");
            if (textUrls(rendered.text()).contains(original)) {
                assertThat(sent.text()).as("the text part carries the same click link").contains(after.get(i));
            }
        }
        assertThat(tracked).as("a real email has links to track").isPositive();
        for (String url : textUrls(sent.text())) {
            assertThat(url.startsWith(BASE + TrackingLinks.CLICK_PREFIX) || url.equals(unsubscribe) || !before.contains(url))
                    .as("no tracked link left untracked in the text part: " + url).isTrue();
        }

        Matcher pixel = Pattern.compile("<img src=\"" + Pattern.quote(BASE + TrackingLinks.OPEN_PREFIX) + "([^\"]+)\\.gif\"")
                .matcher(sent.html());
        assertThat(pixel.find()).isTrue();
        assertThat(links.verify(pixel.group(1), TrackingLinks.Kind.OPEN).orElseThrow().messageId()).isEqualTo("touchpoint-key-1");
        assertThat(sent.html().indexOf(pixel.group())).isLessThan(sent.html().toLowerCase().lastIndexOf("</body>"));
        assertThat(sent.subject()).isEqualTo(rendered.subject());
        assertThat(sent.listUnsubscribe()).isEqualTo(rendered.listUnsubscribe());
    }

    @Test
    void entitiesAreDecodedBeforeSigningAndNonHttpOptedOutAndOwnLinksAreLeftAlone() {
        EmailContent mail = email("<html><body>"
                + "<a href=\"https://shop.example.com/p?a=1&amp;b&#x3D;2\">Shop</a>"
                + "<a class=\"x\" href='mailto:help@example.com'>Mail</a>"
                + "<a href=\"tel:+4930123\">Call</a>"
                + "<a href=\"/relative\">Relative</a>"
                + "<a data-track=\"off\" href=\"https://shop.example.com/legal\">Legal</a>"
                + "<a href=\"https://t.example.com/t/unsubscribe?t=x\">Own</a>"
                + "</body></html>", "Shop (https://shop.example.com/p?a=1&b=2). Legal: https://shop.example.com/legal");
        EmailContent sent = (EmailContent) tracking.track(mail, "c-1", "k-1");

        List<String> hrefs = hrefs(sent.html());
        String token = hrefs.getFirst().substring((BASE + TrackingLinks.CLICK_PREFIX).length());
        assertThat(links.verify(token, TrackingLinks.Kind.CLICK).orElseThrow().url()).isEqualTo("https://shop.example.com/p?a=1&b=2");
        assertThat(hrefs.subList(1, hrefs.size())).containsExactly(
                "mailto:help@example.com", "tel:+4930123", "/relative", "https://shop.example.com/legal",
                "https://t.example.com/t/unsubscribe?t=x");
        assertThat(sent.text()).isEqualTo("Shop (" + hrefs.getFirst() + "). Legal: https://shop.example.com/legal");
    }

    @Test
    void switchesAndOtherChannelsLeaveTheContentAsRendered() {
        EmailContent mail = email("<p><a href=\"https://shop.example.com/\">Shop</a></p>", "Shop https://shop.example.com/");
        assertThat(new EmailEngagementTracking(links, BASE, false, false).track(mail, "c", "k")).isSameAs(mail);
        EmailContent opensOnly = (EmailContent) new EmailEngagementTracking(links, BASE, true, false).track(mail, "c", "k");
        assertThat(hrefs(opensOnly.html())).containsExactly("https://shop.example.com/");
        assertThat(opensOnly.html()).endsWith(".gif\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;width:1px;height:1px;border:0;\">");
        EmailContent clicksOnly = (EmailContent) new EmailEngagementTracking(links, BASE, false, true).track(mail, "c", "k");
        assertThat(clicksOnly.html()).doesNotContain(TrackingLinks.OPEN_PREFIX).contains(TrackingLinks.CLICK_PREFIX);
        SmsContent sms = new SmsContent("Shop https://shop.example.com/");
        assertThat(tracking.track(sms, "c", "k")).isSameAs(sms);
    }

    @Test
    void aBaseUrlThatIsNoHttpUrlIsRefusedWithThePropertyName() {
        assertThatThrownBy(() -> new EmailEngagementTracking(links, "t.example.com", true, true))
                .hasMessageContaining("touchpoint.ingress.tracking.public-base-url");
    }

    private static EmailContent render(String template) {
        RenderedEmail email = BRAND.renderEmail(BRAND.sample(template, "en").orElseThrow().request(template, Channel.EMAIL, "en"));
        return new EmailContent(email.subject(), email.preheader(), email.html(), email.text(), email.from().displayName(),
                email.from().address(), email.replyTo().address(),
                email.listUnsubscribe().orElse(null),
                email.category() == Category.MARKETING ? EmailCategory.MARKETING : EmailCategory.TRANSACTIONAL);
    }

    private static EmailContent email(String html, String text) {
        return new EmailContent("Subject", null, html, text, "Shop", "news@shop.example.com", null, null,
                EmailCategory.TRANSACTIONAL);
    }

    private static List<String> hrefs(String html) {
        List<String> hrefs = new ArrayList<>();
        Matcher matcher = Pattern.compile("<a\\b[^>]*\\bhref=[\"']([^\"']*)[\"']").matcher(html);
        while (matcher.find()) {
            hrefs.add(matcher.group(1));
        }
        return hrefs;
    }

    private static List<String> textUrls(String text) {
        List<String> urls = new ArrayList<>();
        Matcher matcher = Pattern.compile("https?://[^\\s<>()\"']+[^\\s<>()\"'.,;:!?]").matcher(text);
        while (matcher.find()) {
            urls.add(matcher.group());
        }
        return urls;
    }
}
