package dev.touchpoint.journey;

import java.nio.file.Path;

/**
 * One deployable file: a BPMN journey, a DMN decision or a form.
 *
 * @param resourceName the path relative to the journeys folder, with {@code /} separators; the engine knows the
 *     resource by this name, and every message to a designer uses it
 * @param path the file on disk
 * @param content its bytes, read once
 */
public record JourneyFile(String resourceName, Path path, byte[] content) {}
