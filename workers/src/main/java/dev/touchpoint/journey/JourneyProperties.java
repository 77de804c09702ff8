package dev.touchpoint.journey;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code touchpoint.journeys.*}: where journeys are read from at start-up and what to do when the engine rejects one.
 *
 * @param location folder (a file-system path, relative to {@code touchpoint.home} unless absolute) whose {@code *.bpmn}, {@code *.dmn} and {@code *.form} files are deployed (recursively, except
 *     the Maven module's {@code src/} and {@code target/} folders and hidden folders)
 * @param onRejected {@code fail}: refuse to start; {@code report}: deploy the valid files, start, and report the
 *     rejected ones on the health endpoint
 * @param deploy set to false to deploy nothing at start-up (e.g. when a pipeline deploys to a shared cluster)
 * @param testCustomers the customers a DESIGNER may start journeys for and publish messages to through the journey
 *     API (ids, or prefixes ending in {@code *}); ADMIN and MARKETING may address any customer (ADR-0016)
 */
@Validated
@ConfigurationProperties(prefix = "touchpoint.journeys")
public record JourneyProperties(
        @DefaultValue("workflows") @NotNull String location,
        @DefaultValue("fail") @NotNull OnRejected onRejected,
        @DefaultValue("true") boolean deploy,
        java.util.List<String> testCustomers) {

    public JourneyProperties {
        testCustomers = testCustomers == null ? java.util.List.of()
                : testCustomers.stream().filter(c -> c != null && !c.isBlank()).map(String::strip).toList();
    }

    /** Whether {@code customerId} is one of {@link #testCustomers}. */
    public boolean isTestCustomer(String customerId) {
        if (customerId == null) {
            return false;
        }
        for (String entry : testCustomers) {
            if (entry.endsWith("*") ? customerId.startsWith(entry.substring(0, entry.length() - 1)) : entry.equals(customerId)) {
                return true;
            }
        }
        return false;
    }

    public enum OnRejected {
        FAIL,
        REPORT
    }
}
