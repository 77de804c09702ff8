package dev.touchpoint.context;

/** The customer id is not known to the context. */
public class UnknownCustomerException extends RuntimeException {

    private final String customerId;

    public UnknownCustomerException(String customerId) {
        super("unknown customer " + customerId);
        this.customerId = customerId;
    }

    public String customerId() {
        return customerId;
    }
}
