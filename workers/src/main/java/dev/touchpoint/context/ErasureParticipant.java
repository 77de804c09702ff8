package dev.touchpoint.context;

/**
 * A part of the application that keeps something of a customer outside the customer context (campaign rows, running
 * journey instances, sandbox messages, kiosk screens). {@link CustomerContextStore#erase} calls every participant
 * <em>before</em> it deletes the profile, so a participant that fails fails the erasure while the profile (and its
 * addresses) are still there, and a retry erases everything. Participants must be idempotent.
 */
public interface ErasureParticipant {

    /** Where the data was, for the erasure record (e.g. {@code campaign-starts}); several names may come back. */
    String name();

    /**
     * Erases what this participant keeps of the customer.
     *
     * @param contacts the addresses the profile holds (never log them)
     * @param tally    where to count what was erased, by place
     */
    void erase(String customerId, CustomerErased.Contacts contacts, ErasureTally tally);
}
