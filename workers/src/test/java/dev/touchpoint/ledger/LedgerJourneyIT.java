package dev.touchpoint.ledger;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link LedgerJourneyScenarios} on the embedded default: an H2 file database. */
class LedgerJourneyIT extends LedgerJourneyScenarios {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        isolated(registry);
    }

    @Override
    String expectedDatabase() {
        return "H2";
    }
}
