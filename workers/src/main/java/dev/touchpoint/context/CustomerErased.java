package dev.touchpoint.context;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;

/**
 * Published after a customer's personal data was removed from the context and its database (GDPR erasure), after every
 * {@link ErasureParticipant} erased its part; the ledger destroys the customer's key and records what was erased where.
 * {@link #contacts()} names the addresses that were erased. It is an in-process event: never log or store the
 * contacts.
 *
 * @param customerId  the erased customer
 * @param requestedBy who asked
 * @param at          when
 * @param contacts    the addresses the profile held
 * @param erased      what the {@link ErasureParticipant}s erased before the profile went, by place
 */
public record CustomerErased(String customerId, String requestedBy, Instant at, Contacts contacts, Map<String, Long> erased) {

    public CustomerErased {
        contacts = contacts == null ? Contacts.NONE : contacts;
        erased = erased == null ? Map.of() : Map.copyOf(erased);
    }

    public CustomerErased(String customerId, String requestedBy, Instant at) {
        this(customerId, requestedBy, at, Contacts.NONE, Map.of());
    }

    /** The addresses of an erased profile. {@link #toString()} never shows them. */
    public record Contacts(String email, String phone, List<String> pushTokens) {

        public static final Contacts NONE = new Contacts(null, null, List.of());

        public Contacts {
            pushTokens = pushTokens == null ? List.of() : List.copyOf(pushTokens);
        }

        public static Contacts of(CustomerProfile profile) {
            return profile == null ? NONE : new Contacts(profile.email(), profile.phone(), profile.pushTokens());
        }

        /** Every address: email, phone, push tokens. */
        public Set<String> all() {
            Set<String> all = new LinkedHashSet<>();
            if (email != null) {
                all.add(email);
            }
            if (phone != null) {
                all.add(phone);
            }
            all.addAll(pushTokens);
            return all;
        }

        @Override
        public String toString() {
            return "Contacts[email=" + (email == null ? "none" : "***") + ", phone=" + (phone == null ? "none" : "***")
                    + ", pushTokens=" + pushTokens.size() + "]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Contacts c && Objects.equals(email, c.email) && Objects.equals(phone, c.phone)
                    && pushTokens.equals(c.pushTokens);
        }

        @Override
        public int hashCode() {
            return Objects.hash(email, phone, pushTokens);
        }
    }
}
