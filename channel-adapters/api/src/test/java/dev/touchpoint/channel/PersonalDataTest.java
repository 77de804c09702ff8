package dev.touchpoint.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class PersonalDataTest {

    @Test
    void twilioMessagesLoseTheNumber() {
        assertThat(PersonalData.scrub("The 'To' number +15005550001 is not a valid phone number."))
                .isEqualTo("The 'To' number [redacted] is not a valid phone number.");
    }

    @Test
    void smtpRepliesLoseTheAddress() {
        assertThat(PersonalData.scrub("550 5.1.1 <bob.smith@example.org>: Recipient address rejected"))
                .isEqualTo("550 5.1.1 <[redacted]>: Recipient address rejected");
    }

    @Test
    void knownValuesAreRemovedEvenWhenTheyLookHarmless() {
        assertThat(PersonalData.scrub("device token abc123 unregistered", "abc123"))
                .isEqualTo("device token [redacted] unregistered");
    }

    @Test
    void codesAndShortNumbersStay() {
        assertThat(PersonalData.scrub("Error 21610 (HTTP 400) after 3 attempts")).isEqualTo(
                "Error 21610 (HTTP 400) after 3 attempts");
        assertThat(PersonalData.scrub("Phone +44 20 7946 0958 unreachable")).isEqualTo("Phone [redacted] unreachable");
        assertThat(PersonalData.scrub((String) null)).isNull();
    }

    @Test
    void exceptionChainsAreScrubbedButKeepTypesAndStackTraces() {
        IOException root = new IOException("connection to bob@example.org reset");
        RuntimeException top = new IllegalStateException("sending to +15551234567 failed", root);

        Throwable scrubbed = PersonalData.scrub(top);

        assertThat(scrubbed.toString()).isEqualTo("java.lang.IllegalStateException: sending to [redacted] failed");
        assertThat(scrubbed.getStackTrace()).isEqualTo(top.getStackTrace());
        assertThat(scrubbed.getCause().toString()).isEqualTo("java.io.IOException: connection to [redacted] reset");
        assertThat(((PersonalData.ScrubbedException) scrubbed).originalType())
                .isEqualTo("java.lang.IllegalStateException");
        assertThat(PersonalData.scrub((Throwable) null)).isNull();
    }
}
