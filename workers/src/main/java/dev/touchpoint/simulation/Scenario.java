package dev.touchpoint.simulation;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One journey scenario, as read from {@code workflows/scenarios/*.yaml} (or {@code .json}) by {@link ScenarioReader}:
 * customers, what happens to them when, and what Touchpoint is expected to do about it. Times are durations after
 * {@link #start()}; every element keeps the line it was written on, so a mismatch names it.
 *
 * @param file        the scenario file
 * @param name        a title for the timeline
 * @param start       the simulated instant the scenario begins (the application's and the engine's clocks are set to it)
 * @param zone        the zone the timeline shows times in
 * @param runFor      how long after the start the simulation runs (timers due later do not fire)
 * @param customers   the customers, by the name the scenario uses for them, in file order
 * @param steps       what happens, in time order (file order for equal times)
 * @param touchpoints the expected touchpoint outcomes; the simulated ones must match them exactly
 * @param journeys    expected journey ends
 */
public record Scenario(Path file, String name, Instant start, ZoneId zone, Duration runFor, Map<String, Customer> customers,
                       List<Step> steps, List<ExpectedTouchpoint> touchpoints, List<ExpectedJourney> journeys) {

    /**
     * A customer of the scenario.
     *
     * @param name      the scenario's name for them (the customer id is made unique per run)
     * @param line      where the customer is written
     * @param profile   the customer in the import format (locale, timeZone, email, phone, pushTokens, loyaltyTier,
     *                  attributes, preferredChannels, quietHours, consents...), without the id
     * @param contacted touchpoints the customer received before the scenario starts, which count against the contact
     *                  budget
     */
    public record Customer(String name, int line, Map<String, Object> profile, List<Contact> contacted) {
    }

    /** A marketing touchpoint received {@code ago} before the scenario starts, on {@code channel}. */
    public record Contact(int line, String channel, Duration ago) {
    }

    /** What happens at one time. */
    public sealed interface Step {
        int line();

        Duration at();

        String customer();
    }

    /** A customer event through the ingress, as a shop or app would post it ({@code config/event-routing.yaml}). */
    public record Event(int line, Duration at, String customer, String type, Map<String, Object> data, Optional<String> key)
            implements Step {
    }

    /** A text message from the customer's phone to the SMS sender (STOP, START, HELP, ...). */
    public record Reply(int line, Duration at, String customer, String text) implements Step {
    }

    /** A journey without a start message created for the customer, as a campaign creates it. */
    public record Start(int line, Duration at, String customer, String journey, Map<String, Object> variables) implements Step {
    }

    /**
     * One expected touchpoint outcome; an empty field matches anything.
     *
     * @param status SENT, SUPPRESSED, DEFERRED, UNDELIVERABLE (or UNCONFIRMED)
     * @param at     when, to the minute
     */
    public record ExpectedTouchpoint(int line, String customer, String status, Optional<Duration> at, Optional<String> channel,
                                     Optional<String> template, Optional<String> locale, Optional<String> reason) {
    }

    /** The customer's instance of {@code journey} ended at the end event {@code ended}. */
    public record ExpectedJourney(int line, String customer, String journey, String ended) {
    }
}
