package dev.touchpoint.brand;

import java.util.Objects;

/**
 * Who an email comes from, as the brand declares it in its tokens ({@code sender.email.*}).
 *
 * @param displayName the name shown in the inbox, e.g. {@code Aster & Oak}
 * @param address     the mailbox, e.g. {@code hello@asteroak.example}
 */
public record SenderIdentity(String displayName, String address) {

    public SenderIdentity {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(address, "address");
        if (!address.matches("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+")) {
            throw new IllegalArgumentException("Not a mailbox address: " + address);
        }
    }
}
