package dev.touchpoint.channel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The device registration tokens a push message goes to, carried in {@link OutboundMessage#recipient()} as one
 * token or several separated by commas (FCM tokens never contain commas or white space). A customer with several
 * devices gets one notification per token; the adapter reports each token's outcome.
 *
 * <p>Tokens are personal data (they identify a device): never log them, never put them into an exception message.
 *
 * @param tokens the distinct tokens, in the order given; at least one, at most {@value #MAX_TOKENS}
 */
public record PushRecipients(List<String> tokens) {

    /** Most devices one message goes to (a customer's phones and tablets, not a broadcast list). */
    public static final int MAX_TOKENS = 50;
    /** Longest token accepted; FCM tokens are about 160 characters today. */
    public static final int MAX_TOKEN_LENGTH = 4096;

    public PushRecipients {
        Require.notNull(tokens, "tokens");
        Set<String> distinct = new LinkedHashSet<>();
        for (String token : tokens) {
            String trimmed = token == null ? "" : token.strip();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("a device token must not be blank");
            }
            if (trimmed.length() > MAX_TOKEN_LENGTH
                    || !trimmed.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ',')) {
                throw new IllegalArgumentException("a device token is printable ASCII without commas or spaces, at most "
                        + MAX_TOKEN_LENGTH + " characters");
            }
            distinct.add(trimmed);
        }
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException("at least one device token is needed");
        }
        if (distinct.size() > MAX_TOKENS) {
            throw new IllegalArgumentException("at most " + MAX_TOKENS + " device tokens per message");
        }
        tokens = List.copyOf(distinct);
    }

    /** The tokens of a recipient string: one token, or several separated by commas (blanks around them ignored). */
    public static PushRecipients parse(String recipient) {
        Require.notBlank(recipient, "recipient");
        List<String> tokens = new ArrayList<>();
        for (String part : recipient.split(",", -1)) {
            tokens.add(part.strip());
        }
        return new PushRecipients(tokens);
    }

    /** Recipients for the given tokens. */
    public static PushRecipients of(String... tokens) {
        return new PushRecipients(List.of(tokens));
    }

    /** The recipient string for {@link OutboundMessage}: the tokens separated by commas. */
    public String recipient() {
        return String.join(",", tokens);
    }

    /** Shows the number of tokens only. */
    @Override
    public String toString() {
        return "PushRecipients[tokens=" + tokens.size() + "]";
    }
}
