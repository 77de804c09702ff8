package dev.touchpoint.channel.sms.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class TwilioEnvironmentAliasesTest {

    @Test
    void twiliosEnvironmentVariablesAreDefaultsThatExplicitKeysOverride() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef")
                .withProperty("TWILIO_AUTH_TOKEN", "from-env")
                .withProperty("touchpoint.channels.sms.twilio.auth-token", "explicit");

        new TwilioEnvironmentAliases().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("touchpoint.channels.sms.twilio.account-sid"))
                .isEqualTo("AC0123456789abcdef0123456789abcdef");
        assertThat(environment.getProperty("touchpoint.channels.sms.twilio.auth-token")).isEqualTo("explicit");
        assertThat(environment.getProperty("touchpoint.channels.sms.twilio.from")).isEmpty();
    }
}
