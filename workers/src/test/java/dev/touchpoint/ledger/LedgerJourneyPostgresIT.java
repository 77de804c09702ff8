package dev.touchpoint.ledger;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link LedgerJourneyScenarios} with the whole application on PostgreSQL (the cluster profile's database; an
 * embedded server on loopback): Flyway migrations, customer context and ledger, the same assertions.
 */
class LedgerJourneyPostgresIT extends LedgerJourneyScenarios {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        LedgerDatabases.Database db = LedgerDatabases.createEmpty(LedgerDatabases.Kind.POSTGRES);
        isolated(registry, "spring.datasource.url=" + db.url(), "spring.datasource.username=" + db.user(),
                "spring.datasource.password=" + db.password());
    }

    @Override
    String expectedDatabase() {
        return "PostgreSQL";
    }
}
