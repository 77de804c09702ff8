package dev.touchpoint.context;

/**
 * The result of a consent change for one customer.
 *
 * @param customerId the customer
 * @param inForce    the record in force afterwards (the new one when applied, the older, newer-timestamped one when
 *                   the change was stale); null only when nothing was ever recorded
 * @param applied    whether the change was recorded
 */
public record ConsentUpdate(String customerId, ConsentRecord inForce, boolean applied) {
}
