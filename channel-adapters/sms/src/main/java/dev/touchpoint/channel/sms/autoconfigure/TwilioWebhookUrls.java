package dev.touchpoint.channel.sms.autoconfigure;

import dev.touchpoint.channel.sms.webhook.TwilioWebhookHandler;
import java.net.URI;
import java.util.Optional;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * This application's base URL as Twilio (or the sandbox) calls it: the configured public base URL, or, for the
 * sandbox only, the local web server's loopback address once it is known (Twilio itself cannot reach loopback).
 */
public final class TwilioWebhookUrls implements ApplicationListener<WebServerInitializedEvent> {

    private final URI configuredBase;
    private final URI explicitStatusCallback;
    private final boolean local;
    private volatile URI localBase;

    /**
     * @param configuredBase         {@code touchpoint.channels.sms.webhook.public-base-url}, or {@code null}
     * @param explicitStatusCallback {@code touchpoint.channels.sms.status-callback-url}, or {@code null}
     * @param local                  use the local server address (sandbox mode) instead of the configured base
     */
    public TwilioWebhookUrls(URI configuredBase, URI explicitStatusCallback, boolean local) {
        this.configuredBase = configuredBase;
        this.explicitStatusCallback = explicitStatusCallback;
        this.local = local;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (!"management".equals(event.getApplicationContext().getServerNamespace())) {
            localBase = URI.create("http://127.0.0.1:" + event.getWebServer().getPort());
        }
    }

    /** The base URL webhooks are reached at, once known. */
    public Optional<URI> base() {
        return Optional.ofNullable(local ? localBase : configuredBase);
    }

    /** Where Twilio should report delivery, if anywhere. */
    public Optional<URI> statusCallback() {
        if (explicitStatusCallback != null && !local) {
            return Optional.of(explicitStatusCallback);
        }
        return base().map(b -> URI.create(trimmed(b) + TwilioWebhookHandler.STATUS_PATH));
    }

    private static String trimmed(URI base) {
        String text = base.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
