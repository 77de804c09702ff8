package dev.touchpoint.context;

import java.util.List;

/** A profile or consent change did not pass validation; {@link #violations()} names each field and reason. */
public class InvalidCustomerException extends RuntimeException {

    /** One failed check: the field (as named in the import formats and the REST API) and why. */
    public record Violation(String field, String reason) {
        @Override
        public String toString() {
            return field + ": " + reason;
        }
    }

    private final List<Violation> violations;

    public InvalidCustomerException(List<Violation> violations) {
        super("invalid customer: " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
