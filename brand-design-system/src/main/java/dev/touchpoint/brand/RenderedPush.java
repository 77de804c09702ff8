package dev.touchpoint.brand;

import dev.touchpoint.channel.Channel;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A rendered push notification.
 *
 * @param title            notification title
 * @param body             notification body
 * @param deepLink         where tapping the notification leads (app scheme or https)
 * @param imageUrl         optional https image
 * @param data             string key/values for the app (template id, version, category, deep link and the
 *                         template's own data fields)
 * @param androidChannelId the Android notification channel for the template's category
 * @param payloadJson      the canonical payload ({@code {"notification":{...},"data":{...}}}) whose size is checked
 *                         against the 4 KB limit
 * @param payloadBytes     UTF-8 size of {@link #payloadJson()}
 */
public record RenderedPush(String title, String body, URI deepLink, Optional<URI> imageUrl, Map<String, String> data,
                           String androidChannelId, String payloadJson, int payloadBytes, Category category,
                           ContentFingerprint fingerprint, List<RuleViolation> warnings) implements RenderedMessage {

    public RenderedPush {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(deepLink, "deepLink");
        Objects.requireNonNull(imageUrl, "imageUrl");
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        warnings = List.copyOf(warnings);
    }

    @Override
    public Channel channel() {
        return Channel.PUSH;
    }
}
