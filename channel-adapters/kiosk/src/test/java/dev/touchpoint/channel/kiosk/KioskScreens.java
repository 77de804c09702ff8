package dev.touchpoint.channel.kiosk;

import dev.touchpoint.channel.KioskAction;
import dev.touchpoint.channel.KioskContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/** Kiosk screens rendered by the brand design system (fixtures under {@code src/test/resources/kiosk/}). */
final class KioskScreens {

    private KioskScreens() {
    }

    /** The store greeting for Ada with today's offer, as the brand renders it in English. */
    static KioskContent storeGreeting(Duration displayFor) {
        return new KioskContent(read("store-greeting.en.html"),
                "Welcome back, Ada. Today only: 10% off one item of your choice. Code HELLO10.", displayFor,
                "Welcome back, Ada", "Today only: 10% off one item of your choice", "Take the offer", "en",
                Set.of(KioskAction.ACCEPT_OFFER, KioskAction.SEND_TO_PHONE, KioskAction.DISMISS), null);
    }

    /** The CSAT survey as the brand renders it for a kiosk in English: the question, five faces drawn by the page. */
    static KioskContent csatSurvey(Duration displayFor) {
        return new KioskContent(read("csat-survey.en.html"),
                "How satisfied are you with your order?\nYour answer helps us do better. It takes one tap.", displayFor,
                "How satisfied are you with your order?", null, null, "en",
                Set.of(KioskAction.ANSWER, KioskAction.DISMISS), null,
                new dev.touchpoint.channel.KioskSurvey("csat", 1, 5, true));
    }

    static String read(String name) {
        try (InputStream in = KioskScreens.class.getResourceAsStream("/kiosk/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
