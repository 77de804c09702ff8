package dev.touchpoint.ledger;

import org.springframework.security.core.Authentication;

/**
 * The compliance operations of the ledger's REST API ({@code /api/ledger}) that the console offers too. The console
 * calls the API's own bean through this interface, so the API's method security checks the caller's roles again and
 * both paths record the same evidence.
 */
public interface LedgerApi {

    /** Everything held about the customer (context, journeys, every ledger entry explained). */
    AccessExport accessExport(String customerId, Authentication user);

    /** Erases the customer in the customer context and the ledger; idempotent. */
    ErasureReport erase(String customerId, Authentication user);

    /** Recomputes one chain, or every chain when {@code chain} is null or blank. */
    VerificationReport verify(String chain);
}
