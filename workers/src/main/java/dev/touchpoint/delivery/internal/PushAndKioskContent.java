package dev.touchpoint.delivery.internal;

import dev.touchpoint.brand.RenderedKiosk;
import dev.touchpoint.brand.RenderedMessage;
import dev.touchpoint.brand.RenderedPush;
import dev.touchpoint.channel.KioskAction;
import dev.touchpoint.channel.KioskContent;
import dev.touchpoint.channel.PushContent;
import dev.touchpoint.channel.PushPriority;
import dev.touchpoint.channel.RenderedContent;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/** The push and kiosk half of {@link ContentMapper}. */
final class PushAndKioskContent {

    /** How long a kiosk screen stays up unless the customer acts. */
    static final Duration KIOSK_DISPLAY = Duration.ofMinutes(2);

    private PushAndKioskContent() {}

    static RenderedContent toContent(RenderedMessage message) {
        return switch (message) {
            case RenderedPush push -> new PushContent(push.title(), push.body(), push.deepLink(), push.data(),
                    push.imageUrl().orElse(null), push.androidChannelId(),
                    // one notification per template on a device: a newer one replaces an older one of the same kind
                    push.fingerprint().templateId(), push.fingerprint().templateId(), null,
                    push.category() == dev.touchpoint.brand.Category.TRANSACTIONAL ? PushPriority.HIGH : PushPriority.NORMAL);
            case RenderedKiosk kiosk when kiosk.survey().isPresent() -> {
                // a survey screen: the page draws the scale (faces for CSAT); a tap answers (KioskSurveyAnswered),
                // which the survey module records for the invitation of this touchpoint (ADR-0026)
                dev.touchpoint.brand.SurveyMetric metric = kiosk.survey().get();
                yield new KioskContent(kiosk.html(), kiosk.headline() + "\n" + kiosk.body(), KIOSK_DISPLAY, kiosk.headline(),
                        null, null, kiosk.lang(), EnumSet.of(KioskAction.ANSWER, KioskAction.DISMISS), null,
                        new dev.touchpoint.channel.KioskSurvey(metric.id(), metric.min(), metric.max(),
                                metric == dev.touchpoint.brand.SurveyMetric.CSAT));
            }
            case RenderedKiosk kiosk -> {
                Set<KioskAction> actions = EnumSet.of(KioskAction.SEND_TO_PHONE, KioskAction.DISMISS);
                if (kiosk.offer().isPresent() && kiosk.callToAction() != null && !kiosk.callToAction().isBlank()) {
                    actions.add(KioskAction.ACCEPT_OFFER);
                }
                yield new KioskContent(kiosk.html(), kiosk.body(), KIOSK_DISPLAY, kiosk.headline(), kiosk.offer().orElse(null),
                        kiosk.callToAction(), kiosk.lang(), actions, null);
            }
            default -> throw new IllegalArgumentException("no adapter content for " + message.channel());
        };
    }
}
