package dev.touchpoint.journey;

/** A process the engine now knows, as deployed from the journeys folder. */
public record DeployedJourney(String processId, int version, long processDefinitionKey, String resourceName) {}
