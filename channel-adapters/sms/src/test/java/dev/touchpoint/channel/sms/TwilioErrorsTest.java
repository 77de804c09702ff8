package dev.touchpoint.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.FailureKind;
import dev.touchpoint.channel.FailureReason;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TwilioErrorsTest {

    @Test
    void anUnknownCodeFallsBackToTheHttpStatus() {
        DeliveryFailure unknownClientError = TwilioErrors.classify(new ApiException("odd", 21999, null, 400, 400, null, null, null),
                Optional.empty(), "+14155550123");
        DeliveryFailure unknownForbidden = TwilioErrors.classify(new ApiException("no", 29999, null, 403, 403, null, null, null),
                Optional.empty(), "+14155550123");

        assertThat(unknownClientError.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(unknownClientError.reason()).isEqualTo(FailureReason.REJECTED);
        assertThat(unknownForbidden.kind()).isEqualTo(FailureKind.MISCONFIGURED);
    }

    @Test
    void aResponseTheSdkCouldNotParseIsJudgedByItsStatus() {
        DeliveryFailure failure = TwilioErrors.classify(new ApiException("Unable to deserialize response"),
                Optional.of(new TwilioHttpClient.LastResponse(503, Optional.of(Duration.ofSeconds(2)))),
                "+14155550123");

        assertThat(failure.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(failure.vendorCode()).isEqualTo("HTTP 503");
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(2));
    }

    @Test
    void noAnswerIsRetryable() {
        DeliveryFailure timeout = TwilioErrors.classify(new ApiException("Read timed out",
                new SocketTimeoutException("Read timed out")), Optional.empty(), "+14155550123");
        DeliveryFailure refused = TwilioErrors.classify(new ApiConnectionException("Connection refused"),
                Optional.empty(), "+14155550123");

        assertThat(timeout.reason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(timeout.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(refused.reason()).isEqualTo(FailureReason.CONNECTION_FAILED);
        assertThat(refused.kind()).isEqualTo(FailureKind.RETRYABLE);
    }

    @Test
    void aPermanentFailureIgnoresRetryAfter() {
        DeliveryFailure failure = TwilioErrors.classify(new ApiException("unsubscribed", 21610, null, 400, 400, null, null, null),
                Optional.of(new TwilioHttpClient.LastResponse(400, Optional.of(Duration.ofSeconds(5)))),
                "+14155550123");

        assertThat(failure.reason()).isEqualTo(FailureReason.UNSUBSCRIBED);
        assertThat(failure.retryAfter()).isEmpty();
    }

    @Test
    void deliveryErrorCodesOfStatusCallbacksHaveReasons() {
        assertThat(TwilioErrors.reasonForDeliveryError("30003")).isEqualTo(FailureReason.UNREACHABLE);
        assertThat(TwilioErrors.reasonForDeliveryError("30007")).isEqualTo(FailureReason.BLOCKED);
        assertThat(TwilioErrors.reasonForDeliveryError("30005")).isEqualTo(FailureReason.INVALID_ADDRESS);
        assertThat(TwilioErrors.reasonForDeliveryError("21610")).isEqualTo(FailureReason.UNSUBSCRIBED);
        assertThat(TwilioErrors.reasonForDeliveryError("39999")).isEqualTo(FailureReason.REJECTED);
        assertThat(TwilioErrors.reasonForDeliveryError(null)).isNull();
        assertThat(TwilioErrors.reasonForDeliveryError("n/a")).isNull();
    }

    @Test
    void aRequestTimeoutIsRetryableAsForEveryAdapter() {
        DeliveryFailure timeout = TwilioErrors.classify(new ApiException("Request Timeout", 99999, null, 408, 408, null, null, null),
                Optional.of(new TwilioHttpClient.LastResponse(408, Optional.of(Duration.ofSeconds(3)))), "+14155550123");

        assertThat(timeout.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(timeout.reason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(timeout.retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void aHugeRetryAfterIsCappedInsteadOfFailingTheClassification() {
        TwilioHttpClient http = new TwilioHttpClient(null, Duration.ofSeconds(1), Duration.ofSeconds(1));
        com.twilio.http.Response response = new com.twilio.http.Response("{}", 429,
                new org.apache.hc.core5.http.Header[] {new org.apache.hc.core5.http.message.BasicHeader("Retry-After", "99999999999999999999")});
        TwilioHttpClient.remember(response);

        Optional<TwilioHttpClient.LastResponse> last = http.takeLastResponse(Clock.systemUTC());

        assertThat(last).map(TwilioHttpClient.LastResponse::retryAfter).contains(Optional.of(dev.touchpoint.channel.HttpFailures.MAX_RETRY_AFTER));
    }
}
