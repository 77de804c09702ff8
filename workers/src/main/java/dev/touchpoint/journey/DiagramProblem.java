package dev.touchpoint.journey;

/**
 * Why the engine refused one file.
 *
 * @param resourceName the file, relative to the journeys folder
 * @param elementId the BPMN element at fault, or null when the problem is not tied to one (e.g. malformed XML)
 * @param line the line in the file, or 0 when the engine did not say
 * @param reason the engine's reason, as a designer can read it
 */
public record DiagramProblem(String resourceName, String elementId, int line, String reason) {

    /** One line a designer can act on: {@code welcome.bpmn, element 'send-email': Must have ...}. */
    public String describe() {
        StringBuilder text = new StringBuilder(resourceName);
        if (elementId != null) {
            text.append(", element '").append(elementId).append('\'');
        }
        if (line > 0) {
            text.append(", line ").append(line);
        }
        return text.append(": ").append(reason).toString();
    }
}
