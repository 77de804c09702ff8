package dev.touchpoint.brand.internal;

import com.github.jknack.handlebars.Template;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.brand.TemplateDescriptor;

import java.util.Collections;
import java.util.Map;

/**
 * One touchpoint template, compiled: its descriptor, the compiled parts of each channel and its messages per locale.
 *
 * @param descriptor  the descriptor
 * @param messages    locale tag to messages
 * @param fields      per channel, the compiled field templates ({@code subject}, {@code title}, {@code headline}...)
 *                    in declaration order
 * @param pushData    the compiled data fields of a push
 * @param emailHtml   the email body (inside the email layout), or null
 * @param emailText   the hand-written plain-text email, or null to generate it from the HTML
 * @param sms         the SMS body, or null
 * @param kioskIllustration the file token of the kiosk illustration, or null
 * @param samples     sample data for previews ({@code samples.json}), or null when the template has none
 */
record LoadedTemplate(TemplateDescriptor descriptor, Map<String, MessageBundle> messages,
                      Map<Channel, Map<String, Template>> fields, Map<String, Template> pushData,
                      Template emailHtml, Template emailText, Template sms, String kioskIllustration,
                      SampleFile samples) {

    LoadedTemplate {
        messages = Collections.unmodifiableMap(messages);
        fields = Collections.unmodifiableMap(fields);
        pushData = Collections.unmodifiableMap(pushData);
    }

    MessageBundle messages(String localeTag) {
        return messages.get(localeTag);
    }

    Template field(Channel channel, String name) {
        Map<String, Template> channelFields = fields.get(channel);
        return channelFields == null ? null : channelFields.get(name);
    }
}
