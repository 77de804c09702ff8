package dev.touchpoint.delivery.internal;

import dev.touchpoint.brand.RenderedEmail;
import dev.touchpoint.brand.RenderedMessage;
import dev.touchpoint.brand.RenderedSms;
import dev.touchpoint.channel.EmailCategory;
import dev.touchpoint.channel.EmailContent;
import dev.touchpoint.channel.ListUnsubscribe;
import dev.touchpoint.channel.RenderedContent;
import dev.touchpoint.channel.SmsContent;

/** Hands what the brand design system rendered to the adapters, in the adapters' own types. */
final class ContentMapper {

    private ContentMapper() {}

    static RenderedContent toContent(RenderedMessage message) {
        return switch (message) {
            case RenderedEmail email -> new EmailContent(
                    email.subject(),
                    email.preheader(),
                    email.html(),
                    email.text(),
                    email.from().displayName(),
                    email.from().address(),
                    email.replyTo().address(),
                    email.listUnsubscribe().orElse(null),
                    email.category() == dev.touchpoint.brand.Category.MARKETING
                            ? EmailCategory.MARKETING : EmailCategory.TRANSACTIONAL);
            case RenderedSms sms -> new SmsContent(sms.body());
            default -> PushAndKioskContent.toContent(message);
        };
    }
}
