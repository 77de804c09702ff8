package dev.touchpoint.channel;

/**
 * A text message as rendered by the brand design system (which also checked its segment budget).
 *
 * @param body the text, any Unicode; at most {@value #MAX_LENGTH} characters (the longest concatenated SMS vendors
 *             accept)
 */
public record SmsContent(String body) implements RenderedContent {

    public static final int MAX_LENGTH = 1600;

    public SmsContent {
        Require.notBlank(body, "body");
        if (body.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("an SMS body has at most " + MAX_LENGTH + " characters");
        }
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public String toString() {
        return "SmsContent[length=" + body.length() + "]";
    }
}
