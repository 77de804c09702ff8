package dev.touchpoint.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox's signer must produce what Twilio's own validator accepts, and nothing else. */
class TwilioSignatureTest {

    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, String> PARAMS = Map.of("CallSid", "CA1234567890ABCDE", "Caller",
            "+12349013030", "Digits", "1234", "From", "+12349013030", "To", "+18005551212");

    @Test
    void signaturesValidateWithTwiliosRequestValidator() {
        String signature = TwilioSignature.sign("12345", URL, PARAMS);

        assertThat(new RequestValidator("12345").validate(URL, PARAMS, signature)).isTrue();
        assertThat(new RequestValidator("54321").validate(URL, PARAMS, signature)).isFalse();
        assertThat(new RequestValidator("12345").validate(URL.replace("foo=1", "foo=2"), PARAMS, signature))
                .isFalse();
    }

    @Test
    void theSignatureCoversEveryParameter() {
        String signature = TwilioSignature.sign("12345", URL, PARAMS);
        Map<String, String> altered = new HashMap<>(PARAMS);
        altered.put("Digits", "9999");

        assertThat(new RequestValidator("12345").validate(URL, altered, signature)).isFalse();
    }
}
