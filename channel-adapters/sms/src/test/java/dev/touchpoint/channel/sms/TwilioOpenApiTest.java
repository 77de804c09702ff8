package dev.touchpoint.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validator the SMS contract test relies on must itself catch what it claims to catch. */
class TwilioOpenApiTest {

    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private final TwilioOpenApi openApi = TwilioOpenApi.get();

    private static Map<String, List<String>> form(String... pairs) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
        }
        return form;
    }

    @Test
    void aWellFormedRequestPasses() {
        assertThat(openApi.createMessageProblems(ACCOUNT, form("To", "+14155550123", "Body", "Hi",
                "MessagingServiceSid", "MG0123456789abcdef0123456789abcdef",
                "StatusCallback", "https://hooks.example.com/webhooks/twilio/status?tp_key=a%3Ab",
                "ValidityPeriod", "600", "SmartEncoded", "true", "MediaUrl", "https://example.com/a.png"))).isEmpty();
    }

    @Test
    void anUndeclaredParameterIsCaught() {
        assertThat(openApi.createMessageProblems(ACCOUNT, form("To", "+14155550123", "Body", "Hi",
                "IdempotencyKey", "k"))).singleElement().asString().contains("IdempotencyKey");
    }

    @Test
    void aMissingToIsCaught() {
        assertThat(openApi.createMessageProblems(ACCOUNT, form("Body", "Hi"))).singleElement().asString()
                .contains("To");
    }

    @Test
    void patternsTypesEnumsAndFormatsAreChecked() {
        assertThat(openApi.createMessageProblems(ACCOUNT, form("To", "+1", "MessagingServiceSid", "MG123")))
                .anySatisfy(p -> assertThat(p).contains("MessagingServiceSid"));
        assertThat(openApi.createMessageProblems(ACCOUNT, form("To", "+1", "ValidityPeriod", "soon")))
                .anySatisfy(p -> assertThat(p).contains("ValidityPeriod"));
        assertThat(openApi.createMessageProblems(ACCOUNT, form("To", "+1", "ContentRetention", "forever")))
                .anySatisfy(p -> assertThat(p).contains("ContentRetention"));
        assertThat(openApi.createMessageProblems(ACCOUNT, form("To", "+1", "StatusCallback", "not a uri")))
                .anySatisfy(p -> assertThat(p).contains("StatusCallback"));
        assertThat(openApi.createMessageProblems(ACCOUNT, form("To", "+1", "Body", "a", "Body", "b")))
                .anySatisfy(p -> assertThat(p).contains("Body"));
        assertThat(openApi.createMessageProblems("ACnope", form("To", "+1")))
                .anySatisfy(p -> assertThat(p).contains("AccountSid"));
    }
}
