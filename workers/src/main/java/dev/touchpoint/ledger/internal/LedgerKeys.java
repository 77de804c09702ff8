package dev.touchpoint.ledger.internal;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.SecretKey;

/** Finds the master key with the same rules in the application and in {@code LedgerCli}. */
public final class LedgerKeys {

    private LedgerKeys() {
    }

    /** The key file: configured, or next to the credentials file ({@code touchpoint.security.credentials-file}). */
    public static Path keyFile(LedgerProperties.Encryption encryption, Function<String, String> properties) {
        if (encryption.masterKeyFile() != null && !encryption.masterKeyFile().isBlank()) {
            return Path.of(encryption.masterKeyFile());
        }
        return LedgerConfiguration.defaultKeyFile(properties.apply("touchpoint.security.credentials-file"));
    }

    /** The master key, generating the key file when allowed. */
    public static Optional<SecretKey> masterKey(LedgerProperties.Encryption encryption, Function<String, String> properties) {
        return MasterKey.resolve(encryption.masterKey(), keyFile(encryption, properties), encryption.generateMissing());
    }

    /** The master key if one exists; never generates one (for read-only tools). */
    public static Optional<SecretKey> existingMasterKey(LedgerProperties.Encryption encryption, Function<String, String> properties) {
        return MasterKey.resolve(encryption.masterKey(), keyFile(encryption, properties), false);
    }
}
