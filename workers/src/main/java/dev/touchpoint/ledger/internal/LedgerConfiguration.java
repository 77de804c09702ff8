package dev.touchpoint.ledger.internal;

import dev.touchpoint.context.CustomerContextStore;
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
    LedgerWriter ledgerWriter(LedgerStore store, KeyRing keys, LedgerProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new LedgerWriter(new ChainAppender(store, keys, Clock.systemUTC()), properties.writer().settings(),
                meters.getIfAvailable());
    }

    @Bean
    DefaultEvidenceLedger evidenceLedger(LedgerStore store, KeyRing keys, LedgerWriter writer, LedgerProperties properties) {
        return new DefaultEvidenceLedger(new LedgerReader(store, keys, Clock.systemUTC()), writer, properties.retention(),
                Clock.systemUTC());
    }

    @Bean
    EvidenceRecorder evidenceRecorder(LedgerWriter writer, LedgerStore store, ObjectProvider<CustomerContextStore> contexts,
                                      DefaultEvidenceLedger ledger) {
        return new EvidenceRecorder(writer, store, contexts::getIfAvailable, ledger, Clock.systemUTC());
    }

    @Bean
    ProcessHistoryRecording ledgerProcessHistory(ObjectProvider<EngineRuntime> engine, LedgerWriter writer, LedgerProperties properties) {
        return new ProcessHistoryRecording(engine.getIfAvailable(), writer, properties.processHistory());
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
