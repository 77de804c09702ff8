package dev.touchpoint.ledger.internal;

import dev.touchpoint.context.ConsentEvidence;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.ErasureParticipant;
import dev.touchpoint.journey.RunningJourneys;
import dev.touchpoint.engine.EngineRuntime;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the evidence ledger on the application's DataSource (migrated by Flyway first): store, key ring, group-commit
 * writer, the event listeners, process history from the embedded engine, retention schedule and health.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "touchpoint.ledger.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(LedgerProperties.class)
public class LedgerConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    LedgerStore ledgerStore(DataSource dataSource, LedgerProperties properties) {
        if (properties.syncH2Commits()) {
            H2Durability.apply(dataSource);
        }
        return new LedgerStore(dataSource);
    }

    @Bean
    KeyRing ledgerKeyRing(LedgerProperties properties, Environment environment, LedgerStore store) {
        KeyRing keys = new KeyRing(LedgerKeys.masterKey(properties.encryption(), environment::getProperty)
                .orElseThrow(() -> new IllegalStateException("The evidence ledger needs a master key: set "
                        + "touchpoint.ledger.encryption.master-key (TOUCHPOINT_LEDGER_MASTER_KEY, base64 of 32 random bytes, "
                        + "e.g. `openssl rand -base64 32`; the same on every instance) or provide the key file "
                        + LedgerKeys.keyFile(properties.encryption(), environment::getProperty))));
        keys.checkAgainst(store);
        return keys;
    }

    @Bean(destroyMethod = "close")
    LedgerWriter ledgerWriter(LedgerStore store, KeyRing keys, LedgerProperties properties, ObjectProvider<MeterRegistry> meters,
                              ObjectProvider<Clock> clock) {
        return new LedgerWriter(new ChainAppender(store, keys, clock.getIfUnique(Clock::systemUTC)), properties.writer().settings(),
                meters.getIfAvailable());
    }

    @Bean
    DefaultEvidenceLedger evidenceLedger(LedgerStore store, KeyRing keys, LedgerWriter writer, LedgerProperties properties,
                                         ObjectProvider<Clock> clock) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        return new DefaultEvidenceLedger(new LedgerReader(store, keys, time), writer, properties.retention(), time);
    }

    /** Counts over the ledger for the web console (ADR-0024). */
    @Bean
    @DependsOnDatabaseInitialization
    dev.touchpoint.ledger.LedgerStatistics ledgerStatistics(DataSource dataSource) {
        return new LedgerStatisticsQueries(dataSource);
    }

    @Bean
    EvidenceRecorder evidenceRecorder(LedgerWriter writer, LedgerStore store, ObjectProvider<CustomerContextStore> contexts,
                                      DefaultEvidenceLedger ledger, ObjectProvider<ConsentEvidence.Outbox> outbox,
                                      ObjectProvider<Clock> clock) {
        return new EvidenceRecorder(writer, store, contexts::getIfAvailable, ledger, outbox::getIfAvailable,
                clock.getIfUnique(Clock::systemUTC));
    }

    /** The durable SENDING evidence the touchpoint pipeline consults when an attempt marker was lost (ADR-0022). */
    @Bean
    dev.touchpoint.delivery.DeliveryEvidence ledgerDeliveryEvidence(LedgerStore store) {
        return new dev.touchpoint.delivery.DeliveryEvidence() {
            @Override
            public AttemptHistory attempts(String customerId, String idempotencyKey) {
                return history(store.deliveryAttempts(customerId, idempotencyKey));
            }

            @Override
            public AttemptHistory earlierIncarnation(String customerId, String engine, long processInstanceKey, String elementId) {
                return history(store.deliveryAttemptsAt(customerId, engine, processInstanceKey, elementId));
            }

            private AttemptHistory history(java.util.List<String[]> attempts) {
                java.util.List<String> outcomes = new java.util.ArrayList<>();
                String providerMessageId = null;
                for (String[] attempt : attempts) {
                    outcomes.add(attempt[0]);
                    if ("SENT".equals(attempt[0]) && attempt[1] != null) {
                        providerMessageId = attempt[1];
                    }
                }
                return new AttemptHistory(outcomes, providerMessageId);
            }
        };
    }

    @Bean
    ErasureParticipant journeyInstanceErasure(LedgerStore store, ObjectProvider<RunningJourneys> journeys,
                                              ObjectProvider<EngineRuntime> engine) {
        RunningJourneys running = journeys.getIfAvailable();
        return running == null ? new ErasureParticipant() {
            @Override
            public String name() {
                return "journey-instance-index";
            }

            @Override
            public void erase(String customerId, dev.touchpoint.context.CustomerErased.Contacts contacts,
                              dev.touchpoint.context.ErasureTally tally) {
                tally.count("journey-instance-index-rows", store.forgetCustomerOfJourneyInstances(customerId));
            }
        } : new JourneyInstanceErasure(store, running, () -> {
            EngineRuntime runtime = engine.getIfAvailable();
            return runtime == null ? "" : runtime.identity();
        });
    }

    @Bean(destroyMethod = "close")
    ConsentEvidenceRelay consentEvidenceRelay(ObjectProvider<ConsentEvidence.Outbox> outbox, EvidenceRecorder recorder,
                                              LedgerProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new ConsentEvidenceRelay(outbox.getIfAvailable(), recorder, properties.consentEvidenceRelay(), meters.getIfAvailable());
    }

    @Bean
    ProcessHistoryRecording ledgerProcessHistory(ObjectProvider<EngineRuntime> engine, LedgerWriter writer, LedgerProperties properties,
                                                 ObjectProvider<Clock> clock) {
        return new ProcessHistoryRecording(engine.getIfAvailable(), writer, properties.processHistory(),
                clock.getIfUnique(Clock::systemUTC));
    }

    @Bean(destroyMethod = "close")
    RetentionSchedule ledgerRetentionSchedule(DefaultEvidenceLedger ledger, LedgerProperties properties) {
        return new RetentionSchedule(ledger, properties.retention());
    }

    @Bean
    LedgerHealthIndicator ledgerHealthIndicator(LedgerWriter writer) {
        return new LedgerHealthIndicator(writer);
    }

    /** The default key file: next to the credentials file. */
    static Path defaultKeyFile(String credentialsFile) {
        Path credentials = credentialsFile == null || credentialsFile.isBlank() ? Path.of(".touchpoint", "credentials") : Path.of(credentialsFile);
        Path dir = credentials.toAbsolutePath().getParent();
        return dir.resolve("ledger-master.key");
    }
}
