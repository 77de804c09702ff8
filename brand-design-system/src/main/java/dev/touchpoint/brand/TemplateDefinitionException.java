package dev.touchpoint.brand;

/**
 * The brand or a template is broken: a descriptor, token file, locale file or template source cannot be loaded or
 * compiled. Thrown when the design system is built, so a bad template fails at start-up, never at send time. The
 * message names the file.
 */
public class TemplateDefinitionException extends RuntimeException {

    private final String resource;

    public TemplateDefinitionException(String resource, String message) {
        this(resource, message, null);
    }

    public TemplateDefinitionException(String resource, String message, Throwable cause) {
        super(resource + ": " + message, cause);
        this.resource = resource;
    }

    /** The resource path (relative to the brand root) at fault. */
    public String resource() {
        return resource;
    }
}
