package dev.touchpoint.channel.sms.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.channel.sms.TwilioSignature;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class TwilioWebhookVerifierTest {

    private static final String TOKEN = "verifier-test-token";
    private static final Map<String, String> PARAMS = Map.of("MessageSid", "SM1", "MessageStatus", "delivered");

    private static MockHttpServletRequest request() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/twilio/status");
        request.setScheme("http");
        request.setServerName("10.0.0.5");
        request.setServerPort(8080);
        request.setQueryString("tp_key=pi-1%3Ael-2&tp_customer=c-1");
        request.addParameter("tp_key", "pi-1:el-2");
        request.addParameter("tp_customer", "c-1");
        PARAMS.forEach(request::addParameter);
        return request;
    }

    @Test
    void theConfiguredPublicUrlIsWhatTwilioSigned() {
        TwilioWebhookVerifier verifier = new TwilioWebhookVerifier(TOKEN,
                URI.create("https://touchpoint.example.com/"), false);
        MockHttpServletRequest request = request();
        String publicUrl = "https://touchpoint.example.com/webhooks/twilio/status?tp_key=pi-1%3Ael-2&tp_customer=c-1";
        request.addHeader(TwilioSignature.HEADER, TwilioSignature.sign(TOKEN, publicUrl, PARAMS));

        assertThat(verifier.publicUrl(request)).isEqualTo(publicUrl);
        assertThat(verifier.verify(request, TwilioWebhookVerifier.bodyParameters(request))).isTrue();
    }

    @Test
    void forwardedHeadersCountOnlyWhenTheProxyIsTrusted() {
        MockHttpServletRequest request = request();
        request.addHeader("X-Forwarded-Proto", "https");
        request.addHeader("X-Forwarded-Host", "hooks.example.com, internal-lb");
        request.addHeader("X-Forwarded-Port", "443");
        request.addHeader("X-Forwarded-Prefix", "/touchpoint/");

        assertThat(new TwilioWebhookVerifier(TOKEN, null, true).publicUrl(request)).isEqualTo(
                "https://hooks.example.com/touchpoint/webhooks/twilio/status?tp_key=pi-1%3Ael-2&tp_customer=c-1");
        assertThat(new TwilioWebhookVerifier(TOKEN, null, false).publicUrl(request)).isEqualTo(
                "http://10.0.0.5:8080/webhooks/twilio/status?tp_key=pi-1%3Ael-2&tp_customer=c-1");
    }

    @Test
    void aNonDefaultForwardedPortIsKept() {
        MockHttpServletRequest request = request();
        request.addHeader("X-Forwarded-Proto", "https");
        request.addHeader("X-Forwarded-Host", "hooks.example.com");
        request.addHeader("X-Forwarded-Port", "8443");

        assertThat(new TwilioWebhookVerifier(TOKEN, null, true).publicUrl(request))
                .startsWith("https://hooks.example.com:8443/webhooks/twilio/status?");
    }

    @Test
    void onlyBodyParametersAreSigned() {
        assertThat(TwilioWebhookVerifier.bodyParameters(request())).isEqualTo(PARAMS);
    }

    @Test
    void aMissingOrWrongSignatureFails() {
        TwilioWebhookVerifier verifier = new TwilioWebhookVerifier(TOKEN, null, false);
        MockHttpServletRequest unsigned = request();
        MockHttpServletRequest wrong = request();
        wrong.addHeader(TwilioSignature.HEADER, TwilioSignature.sign("other-token",
                "http://10.0.0.5:8080/webhooks/twilio/status?tp_key=pi-1%3Ael-2&tp_customer=c-1", PARAMS));

        assertThat(verifier.verify(unsigned, PARAMS)).isFalse();
        assertThat(verifier.verify(wrong, PARAMS)).isFalse();
    }
}
