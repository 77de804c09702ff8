package dev.touchpoint.channel.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.FailureKind;
import dev.touchpoint.channel.FailureReason;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FcmErrorsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void anHtmlPageOfAProxyFallsBackToTheHttpStatus() {
        FcmErrors.Classified bad = FcmErrors.classify(502, "<html>Bad Gateway</html>", null, "tok", CLOCK);
        assertThat(bad.failure().kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(bad.failure().vendorCode()).isEqualTo("HTTP 502");

        FcmErrors.Classified teapot = FcmErrors.classify(418, "", null, "tok", CLOCK);
        assertThat(teapot.failure().kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(teapot.failure().reason()).isEqualTo(FailureReason.REJECTED);
    }

    @Test
    void onlyAPlain401AsksForAFreshAccessToken() {
        assertThat(FcmErrors.classify(401, "{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}", null, "t",
                CLOCK).accessTokenRejected()).isTrue();
        assertThat(FcmErrors.classify(401, FcmPayloads.thirdPartyAuth(), null, "t", CLOCK)
                .accessTokenRejected()).isFalse();
    }

    @Test
    void aHugeRetryAfterIsCappedNotIgnored() {
        FcmErrors.Classified busy = FcmErrors.classify(503, "", "99999999999999", "tok", CLOCK);
        assertThat(busy.failure().retryAfter()).contains(dev.touchpoint.channel.HttpFailures.MAX_RETRY_AFTER);
        assertThat(FcmErrors.classify(503, "", "Sun, 22 Nov 2026 10:00:30 GMT", "tok", CLOCK).failure().retryAfter())
                .contains(Duration.ofSeconds(30));
        assertThat(FcmErrors.classify(503, "", "soon", "tok", CLOCK).failure().retryAfter()).isEmpty();
    }

    @Test
    void tooEarlyIsRetryable() {
        FcmErrors.Classified early = FcmErrors.classify(425, "", "2", "tok", CLOCK);
        assertThat(early.failure().kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(early.failure().retryAfter()).contains(Duration.ofSeconds(2));
    }

    @Test
    void permanentFailuresDoNotCarryRetryAfter() {
        FcmErrors.Classified gone = FcmErrors.classify(404, FcmPayloads.unregistered(), "60",
                "tok", CLOCK);
        assertThat(gone.failure().retryAfter()).isEmpty();
        assertThat(gone.tokenUnregistered()).isTrue();
    }

    @Test
    void noAnswerIsATimeoutOrAConnectionFailure() {
        assertThat(FcmErrors.noAnswer(new HttpTimeoutException("request timed out")).reason())
                .isEqualTo(FailureReason.TIMEOUT);
        assertThat(FcmErrors.noAnswer(new ConnectException()).reason())
                .isEqualTo(FailureReason.CONNECTION_FAILED);
    }

    @Test
    void theMostActionableFailureWinsWhenNoDeviceGotTheMessage() {
        DeliveryFailure gone = DeliveryFailure.permanent(Channel.PUSH,
                FailureReason.INVALID_ADDRESS).vendorCode("UNREGISTERED").build();
        DeliveryFailure busy = DeliveryFailure.retryable(Channel.PUSH,
                FailureReason.VENDOR_UNAVAILABLE).retryAfter(Duration.ofSeconds(2)).build();
        DeliveryFailure busier = DeliveryFailure.retryable(Channel.PUSH,
                FailureReason.RATE_LIMITED).retryAfter(Duration.ofSeconds(9)).build();
        DeliveryFailure config = DeliveryFailure.misconfigured(Channel.PUSH,
                FailureReason.AUTHENTICATION_FAILED).build();
        DeliveryFailure content = DeliveryFailure.permanent(Channel.PUSH,
                FailureReason.CONTENT_REJECTED).vendorCode("INVALID_ARGUMENT").build();

        assertThat(FcmPushAdapter.mostActionable(List.of(gone, busy, busier))).isSameAs(busier);
        assertThat(FcmPushAdapter.mostActionable(List.of(gone, busy, config))).isSameAs(config);
        assertThat(FcmPushAdapter.mostActionable(List.of(gone, gone))).isSameAs(gone);
        assertThat(FcmPushAdapter.mostActionable(List.of(gone, content)).reason()).isEqualTo(FailureReason.REJECTED);
    }
}
