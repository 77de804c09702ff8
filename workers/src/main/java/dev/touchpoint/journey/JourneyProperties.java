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
 */
@Validated
@ConfigurationProperties(prefix = "touchpoint.journeys")
public record JourneyProperties(
        @DefaultValue("workflows") @NotNull String location,
        @DefaultValue("fail") @NotNull OnRejected onRejected,
        @DefaultValue("true") boolean deploy) {

    public enum OnRejected {
        FAIL,
        REPORT
    }
}
