package dev.touchpoint.channel;

/**
 * Thrown at start-up when a channel cannot run with the configuration it was given (for example no SMTP host or no
 * Twilio credentials in the {@code cluster} profile, where the sandbox never stands in). The message names the
 * missing configuration keys and the environment variables that set them; it never contains a secret.
 */
public class ChannelMisconfiguredException extends IllegalStateException {

    private final Channel channel;

    public ChannelMisconfiguredException(Channel channel, String problem) {
        super(channel + " channel is misconfigured (" + FailureKind.MISCONFIGURED + "): " + problem);
        this.channel = Require.notNull(channel, "channel");
    }

    public Channel channel() {
        return channel;
    }
}
