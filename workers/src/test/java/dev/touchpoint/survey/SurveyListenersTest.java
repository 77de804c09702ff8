package dev.touchpoint.survey;

import dev.touchpoint.channel.Channel;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.touchpoint.channel.SmsMessageReceived;
import dev.touchpoint.delivery.TouchpointEvent;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The listeners never fail what reported to them: a send that was made, an inbound text that is not an answer. */
class SurveyListenersTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    /** A database that is down: every connection attempt fails. */
    private static final DataSource DOWN = (DataSource) Proxy.newProxyInstance(SurveyListenersTest.class.getClassLoader(),
            new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
                throw new SQLException("database down");
            });

    private final SurveyInvitations invitations = new SurveyInvitations(DOWN,
            List.of("survey-secret-for-tests-0123456789".getBytes(StandardCharsets.UTF_8)), "http://127.0.0.1:8080",
            Duration.ofDays(14), Clock.fixed(NOW, ZoneOffset.UTC));
    private final SurveyListeners listeners = new SurveyListeners(invitations, null, null, Duration.ofDays(3),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aSentSurveyThatCannotBeMarkedDoesNotFailTheSend() {
        TouchpointEvent.Sent sent = new TouchpointEvent.Sent(new TouchpointEvent.Header("c-1", "tp-1-2", "order-shipped:1", 1,
                "ask", Channel.EMAIL, "csat-survey", "1.0.0", "abc", NOW, ""), "msg-1");
        assertThatCode(() -> listeners.on(sent)).doesNotThrowAnyException();
    }

    @Test
    void aTextThatIsNotANumberIsLeftAloneWithoutAskingAnyone() {
        // no customer store and a database that is down: touching either would throw
        for (String body : List.of("thanks", "STOP please", "10 out of 10", "", "7/10")) {
            assertThatCode(() -> listeners.on(new SmsMessageReceived("+491510000001", "+15005550006", body, "SM1", NOW)))
                    .as(body).doesNotThrowAnyException();
        }
    }
}
