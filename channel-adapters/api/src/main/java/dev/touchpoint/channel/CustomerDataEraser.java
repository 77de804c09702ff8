package dev.touchpoint.channel;

import java.util.Set;

/**
 * Something an adapter keeps about a customer outside the customer context (a sandbox's recorded messages, the
 * customer a kiosk screen is showing), erased when the customer is (GDPR erasure). The application calls every bean
 * of this type when it erases a customer.
 */
public interface CustomerDataEraser {

    /** Where the data was, for the erasure record, e.g. {@code email-sandbox}. */
    String name();

    /**
     * Erases what is kept for the customer: by id, and by the addresses their profile held (email address, phone
     * number, push tokens).
     *
     * @return how many items were erased
     */
    int eraseCustomer(String customerId, Set<String> addresses);
}
