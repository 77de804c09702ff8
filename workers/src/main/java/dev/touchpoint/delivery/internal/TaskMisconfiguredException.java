package dev.touchpoint.delivery.internal;

/**
 * A touchpoint task the worker cannot carry out as modelled: a header or input is missing or wrong, or the template
 * does not exist or does not support the channel. Retrying cannot help, so it becomes an incident at once, and its
 * message says what to fix in the diagram.
 */
public class TaskMisconfiguredException extends RuntimeException {

    public TaskMisconfiguredException(String field, String value, String problem) {
        super("task header or input '" + field + "'" + (value == null ? "" : " = '" + value + "'") + " " + problem);
    }

    public TaskMisconfiguredException(String message) {
        super(message);
    }
}
