package dev.touchpoint.channel;

import java.time.Instant;

/** Event: the customer answered the survey on the screen with {@code score} (on the screen's {@link KioskSurvey} scale). */
public record KioskSurveyAnswered(String idempotencyKey, String customerId, String providerMessageId,
                                  String storeId, String kioskId, int score, Instant occurredAt) implements KioskEvent {

    public KioskSurveyAnswered {
        KioskEvent.validate(idempotencyKey, customerId, providerMessageId, storeId, kioskId, occurredAt);
        if (score < 0 || score > 10) {
            throw new IllegalArgumentException("score must be between 0 and 10");
        }
    }
}
