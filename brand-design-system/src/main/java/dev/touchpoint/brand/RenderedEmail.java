package dev.touchpoint.brand;

import dev.touchpoint.channel.ListUnsubscribe;

import dev.touchpoint.channel.Channel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rendered email.
 *
 * @param subject         single-line subject
 * @param preheader       the inbox preview text (also hidden at the top of the HTML)
 * @param html            the complete HTML document: table layout, inlined CSS, no scripts
 * @param text            the plain-text alternative (written by the designer or generated from the HTML)
 * @param textGenerated   true when {@link #text()} was generated from the HTML
 * @param from            the sender identity for the template's category
 * @param replyTo         where replies go
 * @param listUnsubscribe present for marketing mail: the adapter must send {@code List-Unsubscribe} and
 *                        {@code List-Unsubscribe-Post}
 */
public record RenderedEmail(String subject, String preheader, String html, String text, boolean textGenerated,
                            SenderIdentity from, SenderIdentity replyTo, Optional<ListUnsubscribe> listUnsubscribe,
                            Category category, ContentFingerprint fingerprint, List<RuleViolation> warnings)
        implements RenderedMessage {

    public RenderedEmail {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(preheader, "preheader");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(listUnsubscribe, "listUnsubscribe");
        warnings = List.copyOf(warnings);
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }
}
