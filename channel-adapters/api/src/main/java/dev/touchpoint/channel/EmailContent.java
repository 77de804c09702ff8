package dev.touchpoint.channel;

/**
 * An e-mail as rendered by the brand design system. The sender identity ({@code fromName}, {@code fromAddress},
 * {@code replyTo}) comes from the brand tokens.
 *
 * @param subject         the subject line, any Unicode (encoded per RFC 2047 by the adapter)
 * @param preheader       the preview text; the renderer already embeds it at the top of {@code html}. Carried for
 *                        vendors that take it as a separate field and for previews; {@code null} if none
 * @param html            the HTML alternative, or {@code null} for a text-only mail
 * @param text            the plain-text alternative (always present: it is what accessible and text-only clients show)
 * @param fromName        the sender's display name, any Unicode; {@code null} for none
 * @param fromAddress     the sender's address (ASCII addr-spec), e.g. {@code news@mail.example.com}
 * @param replyTo         where replies go, {@code null} for the sender address
 * @param listUnsubscribe unsubscribe targets; required for {@link EmailCategory#MARKETING}, forbidden otherwise
 * @param category        marketing or transactional
 */
public record EmailContent(String subject, String preheader, String html, String text, String fromName,
                           String fromAddress, String replyTo, ListUnsubscribe listUnsubscribe,
                           EmailCategory category) implements RenderedContent {

    public EmailContent {
        Require.notBlank(subject, "subject");
        Require.notBlank(text, "text");
        Require.notBlank(fromAddress, "fromAddress");
        Require.notNull(category, "category");
        preheader = Require.nullIfBlank(preheader);
        html = Require.nullIfBlank(html);
        fromName = Require.nullIfBlank(fromName);
        replyTo = Require.nullIfBlank(replyTo);
        noLineBreak(subject, "subject");
        noLineBreak(fromName, "fromName");
        address(fromAddress, "fromAddress");
        address(replyTo, "replyTo");
        if (category == EmailCategory.MARKETING && listUnsubscribe == null) {
            throw new IllegalArgumentException("marketing mail needs a List-Unsubscribe target (RFC 8058)");
        }
        if (category == EmailCategory.TRANSACTIONAL && listUnsubscribe != null) {
            throw new IllegalArgumentException("transactional mail must not carry List-Unsubscribe");
        }
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    /** Whether the mail is marketing mail (and so carries the RFC 8058 headers). */
    public boolean marketing() {
        return category == EmailCategory.MARKETING;
    }

    private static void noLineBreak(String value, String name) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException(name + " must not contain line breaks");
        }
    }

    private static void address(String value, String name) {
        if (value == null) {
            return;
        }
        int at = value.lastIndexOf('@');
        boolean ascii = value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        if (!ascii || at < 1 || at == value.length() - 1 || value.indexOf('<') >= 0 || value.indexOf('>') >= 0
                || value.indexOf(',') >= 0) {
            throw new IllegalArgumentException(name + " must be a plain ASCII address like name@example.com");
        }
    }

    /** Leaves the text out: it is personal content. */
    @Override
    public String toString() {
        return "EmailContent[category=" + category + ", fromAddress=" + fromAddress + ", html=" + (html != null)
                + ", listUnsubscribe=" + (listUnsubscribe != null) + "]";
    }
}
