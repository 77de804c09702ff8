package dev.touchpoint.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario files as designers write them, and what a mistake in one looks like. */
class ScenarioReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsCustomersStepsAndExpectationsWithTimesRelativeOrAbsolute() throws IOException {
        Scenario scenario = ScenarioReader.read(write("ok.yaml", """
                name: Welcome
                start: 2030-03-04T22:30:00+01:00
                zone: Europe/Berlin
                runFor: P3D
                customers:
                  anna:
                    locale: de-DE
                    phone: "+4915100000101"
                    consents: {email.marketing: granted}
                    contacted:
                      - {channel: email, ago: PT3H}
                events:
                  - {at: PT2H, customer: anna, reply: STOP}
                  - at: PT0S
                    customer: anna
                    type: customer.signed-up
                    data: {offerCode: WELCOME15, offerPercent: 15, offerExpires: 2030-04-30, vip: true, score: 1.5}
                  - {at: "2030-03-05T09:00:00+01:00", customer: anna, start: winback-campaign, variables: {campaignId: x}}
                expect:
                  touchpoints:
                    - {customer: anna, status: deferred, channel: EMAIL, reason: quiet_hours, at: PT0S}
                  journeys:
                    - {customer: anna, journey: welcome, ended: welcomed-by-sms}
                """));

        assertThat(scenario.start()).isEqualTo(Instant.parse("2030-03-04T21:30:00Z"));
        assertThat(scenario.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(scenario.runFor()).isEqualTo(Duration.ofDays(3));
        assertThat(scenario.customers().get("anna").profile()).containsEntry("locale", "de-DE")
                .containsEntry("phone", "+4915100000101").containsEntry("consents", Map.of("email.marketing", "granted"));
        assertThat(scenario.customers().get("anna").contacted()).singleElement()
                .satisfies(c -> assertThat(c.ago()).isEqualTo(Duration.ofHours(3)));
        // in time order; the date stays text, numbers and booleans keep their type
        assertThat(scenario.steps()).extracting(Scenario.Step::at)
                .containsExactly(Duration.ZERO, Duration.ofHours(2), Duration.ofHours(10).plusMinutes(30));
        Scenario.Event event = (Scenario.Event) scenario.steps().getFirst();
        assertThat(event.data()).containsEntry("offerExpires", "2030-04-30").containsEntry("offerPercent", 15)
                .containsEntry("vip", true).containsEntry("score", 1.5);
        assertThat(scenario.steps().get(1)).isInstanceOf(Scenario.Reply.class);
        assertThat(scenario.steps().get(2)).isInstanceOfSatisfying(Scenario.Start.class,
                start -> assertThat(start.journey()).isEqualTo("winback-campaign"));
        assertThat(scenario.touchpoints()).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo("DEFERRED");
            assertThat(t.channel()).contains("email");
            assertThat(t.reason()).contains("QUIET_HOURS");
            assertThat(t.line()).isEqualTo(21);
        });
        assertThat(scenario.journeys()).singleElement().satisfies(j -> assertThat(j.ended()).isEqualTo("welcomed-by-sms"));
    }

    @Test
    void jsonIsReadToo() throws IOException {
        Scenario scenario = ScenarioReader.read(write("ok.json", """
                {"name": "JSON", "start": "2030-03-04T10:00:00Z", "runFor": "PT1H",
                 "customers": {"bob": {"locale": "en"}},
                 "events": [{"at": "PT0S", "customer": "bob", "type": "app.installed"}],
                 "expect": {"touchpoints": []}}
                """));
        assertThat(scenario.customers()).containsOnlyKeys("bob");
        assertThat(scenario.zone()).isEqualTo(java.time.ZoneOffset.UTC);
    }

    @Test
    void everyMistakeIsReportedWithFileLineAndField() throws IOException {
        Path file = write("bad.yaml", """
                name: Mistakes
                start: tomorrow
                runFor: PT1H
                colour: blue
                customers:
                  anna:
                    lokale: de
                events:
                  - {at: PT2H, customer: anna, type: customer.signed-up}
                  - {at: PT0S, customer: bert, type: customer.signed-up}
                  - {at: PT0S, customer: anna}
                expect:
                  touchpoints:
                    - {customer: anna, status: SHIPPED}
                """);
        assertThatThrownBy(() -> ScenarioReader.read(file))
                .isInstanceOfSatisfying(ScenarioReader.ScenarioException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        file + ":2: start: 'tomorrow' is not a date and time with an offset, such as 2030-03-04T21:30:00+01:00",
                        file + ":4: scenario: unknown field 'colour'; allowed: " + new java.util.TreeSet<>(ScenarioReader.TOP),
                        file + ":7: customers.anna: unknown field 'lokale'; allowed: " + allowedCustomerFields(),
                        file + ":10: customer: 'bert' is not one of the scenario's customers [anna]",
                        file + ":11: events: an event has exactly one of type (a customer event), reply (an SMS from the"
                                + " customer) or start (a journey created for the customer)",
                        file + ":14: status: 'SHIPPED' is not one of [DEFERRED, SENT, SUPPRESSED, UNCONFIRMED, UNDELIVERABLE]",
                        file + ":9: events: at PT2H is after runFor (PT1H): it would never happen"));
    }

    @Test
    void aFileThatIsNotYamlSaysWhere() throws IOException {
        Path file = write("broken.yaml", "name: x\ncustomers: {anna: [\n");
        assertThatThrownBy(() -> ScenarioReader.read(file)).isInstanceOf(ScenarioReader.ScenarioException.class)
                .hasMessageStartingWith(file + ":3: not valid YAML or JSON");
    }

    @Test
    void twoScenariosMayNotShareAPhoneNumberOrAnAddress() throws IOException {
        String scenario = """
                start: 2030-03-04T10:00:00Z
                runFor: PT1H
                customers:
                  %s: {phone: "+49 151 0000 0101", email: %s}
                events: []
                expect: {}
                """;
        Scenario one = ScenarioReader.read(write("one.yaml", scenario.formatted("anna", "anna@example.com")));
        Scenario two = ScenarioReader.read(write("two.yaml", scenario.formatted("berta", "berta@example.com")));
        assertThat(SimulateCli.sharedAddresses(List.of(one, two))).singleElement().asString()
                .startsWith(two.file() + ":4: customers.berta.phone: +49 151 0000 0101 is also used at " + one.file() + ":4");
        assertThat(SimulateCli.sharedAddresses(List.of(one))).isEmpty();
    }

    @Test
    void theCommandRefusesScenariosItCannotReadBeforeStartingAnything() throws IOException {
        Path file = write("bad.yaml", "name: x\n");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = SimulateCli.run(new String[] {file.toString(), dir.resolve("missing.yaml").toString()},
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err, true), false);
        assertThat(status).isEqualTo(SimulateCli.ERROR);
        assertThat(err.toString()).contains(file + ":1: start: is required", dir.resolve("missing.yaml") + ": no such file or folder");
    }

    private static java.util.TreeSet<String> allowedCustomerFields() {
        java.util.TreeSet<String> fields = new java.util.TreeSet<>(ScenarioReader.PROFILE);
        fields.add("contacted");
        return fields;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
