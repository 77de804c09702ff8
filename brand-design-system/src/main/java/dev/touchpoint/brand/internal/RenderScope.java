package dev.touchpoint.brand.internal;

import com.github.jknack.handlebars.Template;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.brand.RenderException;

import java.time.ZoneId;
import java.util.Locale;

/**
 * Everything the helpers need to know about the render in progress: which brand, template, channel and locale, and
 * how to format values. Stored in the Handlebars context data under {@link #KEY}; one instance per render, never
 * shared between threads.
 */
final class RenderScope {

    static final String KEY = "touchpoint.scope";
    private static final int MAX_MESSAGE_DEPTH = 8;

    final Brand brand;
    final LoadedTemplate template;
    final Channel channel;
    final String messageTag;
    final Locale messageLocale;
    final Locale formatLocale;
    final ZoneId zone;
    private int messageDepth;

    RenderScope(Brand brand, LoadedTemplate template, Channel channel, String messageTag, Locale messageLocale,
                Locale formatLocale, ZoneId zone) {
        this.brand = brand;
        this.template = template;
        this.channel = channel;
        this.messageTag = messageTag;
        this.messageLocale = messageLocale;
        this.formatLocale = formatLocale;
        this.zone = zone;
    }

    /** The compiled message for a key: {@code brand.*} keys from the brand's locale files, others from the template's. */
    Template message(String key) {
        MessageBundle bundle = key.startsWith(BrandMessages.PREFIX) ? brand.messages(messageTag)
                : template == null ? null : template.messages(messageTag);
        Template message = bundle == null ? null : bundle.template(key);
        if (message == null) {
            throw new RenderException(RenderException.Reason.MISSING_MESSAGE, template == null ? "(page)" : template.descriptor().id(), messageTag,
                    channel, key, "no message '" + key + "' in locale " + messageTag);
        }
        return message;
    }

    boolean hasMessage(String key) {
        MessageBundle bundle = key.startsWith(BrandMessages.PREFIX) ? brand.messages(messageTag)
                : template == null ? null : template.messages(messageTag);
        return bundle != null && bundle.template(key) != null;
    }

    void enterMessage(String key) {
        if (++messageDepth > MAX_MESSAGE_DEPTH) {
            throw new RenderException(RenderException.Reason.TEMPLATE_ERROR, template == null ? "(page)" : template.descriptor().id(), messageTag,
                    channel, key, "messages nest deeper than " + MAX_MESSAGE_DEPTH + " levels (a message refers to"
                    + " itself?)");
        }
    }

    void exitMessage() {
        messageDepth--;
    }

    /**
     * Formatted values in an SMS use plain spaces and apostrophes: CLDR formats contain no-break spaces (de: "59,90 €")
     * and narrow no-break spaces (en: "3:30 PM"), which are not in GSM-7 and would turn the message into UCS-2.
     */
    String forChannel(String formatted) {
        if (channel != Channel.SMS) {
            return formatted;
        }
        return formatted.replace('\u00A0', ' ').replace('\u202F', ' ').replace('\u2009', ' ').replace('\u2007', ' ')
                .replace('\u2019', '\'');
    }
}
