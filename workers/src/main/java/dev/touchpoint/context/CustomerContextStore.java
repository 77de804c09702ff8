package dev.touchpoint.context;

import dev.touchpoint.channel.Channel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The cross-channel customer context, shared by every worker on every instance. Implemented on Hazelcast
 * ({@code dev.touchpoint.context.internal.HazelcastCustomerContextStore}); consent and profile are persisted to the
 * application's database before a call returns.
 *
 * <p>Every method may throw {@link ContextUnavailableException} when the cluster side it runs on is a minority or
 * the database is unreachable; write methods are then not applied.
 */
public interface CustomerContextStore {

    /** The profile, if the customer is known. */
    Optional<CustomerProfile> findProfile(String customerId);

    /** Profile, consents, recent touchpoints, active offers and store presence, if the customer is known. */
    Optional<CustomerContext> findContext(String customerId);

    /** Customers with this phone number (any common notation; compared in E.164). Usually one, sometimes a household. */
    List<String> findCustomerIdsByPhone(String phone);

    /** Customers with this email address (compared case-insensitively). */
    List<String> findCustomerIdsByEmail(String email);

    /**
     * Creates or replaces the profile (validated; the email lower-cased, the phone normalised to E.164). Consent is not
     * part of the profile: use {@link #recordConsent}.
     *
     * @throws InvalidCustomerException when a field is invalid
     */
    UpsertOutcome upsert(CustomerProfile profile);

    /**
     * GDPR erasure: removes the profile, consents, ledger, offers and presence from the context and its database and
     * publishes {@link CustomerErased}. Idempotent.
     *
     * @param requestedBy who asked (a user name or system), kept in the event
     * @return whether there was anything to erase
     */
    boolean erase(String customerId, String requestedBy);

    /**
     * Sets some attributes of a customer's profile, leaving the others as they are, atomically against concurrent
     * changes of the same profile (compare and set). Used for facts Touchpoint learns itself, e.g. survey answers.
     *
     * @return false when there is no such customer
     * @throws InvalidCustomerException when a name is not a valid attribute name, a value is too long, or the profile
     *                                  would hold more attributes than allowed
     */
    boolean mergeAttributes(String customerId, java.util.Map<String, String> attributes);

    /**
     * Grants or withdraws one consent. The change is on disk before this returns; a stale change (older than the record
     * in force) is not applied. Publishes {@link ConsentGranted} or {@link ConsentWithdrawn} when applied.
     *
     * @throws UnknownCustomerException when the customer is not known
     */
    ConsentUpdate recordConsent(ConsentChange change);

    /**
     * Records the consent only when there is no record yet for that channel and purpose (imports without consent
     * timestamps use it, so that an old export never overrides a customer's newer STOP or unsubscribe).
     *
     * @throws UnknownCustomerException when the customer is not known
     */
    ConsentUpdate recordConsentIfAbsent(ConsentChange change);

    /**
     * Applies several consent changes of one customer in one atomic step, persisted in one database transaction:
     * {@code latestWins} as {@link #recordConsent}, then {@code ifAbsent} as {@link #recordConsentIfAbsent}.
     *
     * @return one update per change, in that order
     * @throws UnknownCustomerException when the customer is not known
     * @throws IllegalArgumentException when a change is for another customer
     */
    List<ConsentUpdate> recordConsents(String customerId, List<ConsentChange> latestWins, List<ConsentChange> ifAbsent);

    /**
     * Applies an inbound SMS keyword to every customer with that phone number, per the configured
     * {@link ConsentPolicy}: STOP withdraws, START undoes what a STOP withdrew.
     *
     * @param phone            the sender's number
     * @param keyword          STOP or START
     * @param inboundMessageId the provider's id of the inbound message: the proof kept with the consent record
     * @param receivedAt       when it was received
     * @return one update per customer with that number (empty when nobody has it)
     */
    List<ConsentUpdate> applySmsKeyword(String phone, SmsKeyword keyword, String inboundMessageId, Instant receivedAt);

    /** The customer checked in at a store (the kiosk channel becomes reachable). */
    void checkIn(String customerId, String storeId, Instant at);

    /** The customer left the store. */
    void checkOut(String customerId, Instant at);

    /** Records the offer a channel made (replacing that channel's earlier one). Sends with an offer do this on confirm. */
    void recordOffer(String customerId, ConversationOffer offer);

    /**
     * Channels this customer can be reached on for the purpose right now, best first: the customer's preference order,
     * then the rest; only channels with consent and an address (or store presence for the kiosk). Budget and quiet
     * hours are left to {@link #decide}.
     */
    List<Channel> reachableChannels(String customerId, Purpose purpose);

    /**
     * The one atomic decision per send: consent, reachability, quiet hours, contact budget and idempotency, checked
     * and, on SEND, reserved in the same step on the customer's entry. Never throws for an unknown customer (SUPPRESS
     * {@code UNKNOWN_CUSTOMER}).
     */
    TouchpointDecision decide(TouchpointRequest request);

    /**
     * What {@link #decide} would answer at {@code at} with the context as it is now, by the same rules, but without
     * reserving, recording or counting anything: for dry runs and previews. A later {@code decide} may differ when the
     * context changes in between (another send, a consent change).
     */
    TouchpointDecision preview(TouchpointRequest request, Instant at);

    /**
     * The provider accepted the touchpoint: the reservation becomes CONFIRMED (still counting) and an offer it carried
     * becomes the channel's current offer.
     *
     * @return false when there is no such reservation (unknown key, or it was released)
     */
    boolean confirm(ReservationId reservation, String providerMessageId);

    /**
     * Delivery failed permanently: the reservation stops counting against the budget. A later decision with the same
     * key still replays this reservation (status RELEASED), so a retried job does not send.
     *
     * @return false when there is no such reservation, or it was already confirmed
     */
    boolean release(ReservationId reservation, String reason);
}
