package dev.touchpoint.ledger.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import dev.touchpoint.security.PrivateFiles;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger master key, which wraps the per-customer data keys. From {@code touchpoint.ledger.encryption.master-key}
 * (base64 of 32 bytes, e.g. from {@code TOUCHPOINT_LEDGER_MASTER_KEY}), else from the key file; in the embedded default
 * the file is generated at the first start (owner-only permissions). Never logged.
 */
public final class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private MasterKey() {
    }

    /**
     * @param configured base64 key, or blank
     * @param file       the key file, or null
     * @param generate   whether to create the file when neither exists
     * @return the key, or empty when none is configured and none may be generated
     */
    public static Optional<SecretKey> resolve(String configured, Path file, boolean generate) {
        if (configured != null && !configured.isBlank()) {
            return Optional.of(decode(configured.trim(), "touchpoint.ledger.encryption.master-key"));
        }
        if (file != null && Files.isRegularFile(file)) {
            try {
                return Optional.of(decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the ledger master key file " + file, e);
            }
        }
        if (file == null || !generate) {
            return Optional.empty();
        }
        SecretKey key = PersonalDataCipher.newKey();
        write(file, Base64.getEncoder().encodeToString(key.getEncoded()));
        log.info("Generated the ledger master key into {} (readable by the owner only). Back it up: without it the "
                + "ledger's personal fields cannot be read (the evidence chain still verifies).", file.toAbsolutePath());
        return Optional.of(key);
    }

    private static SecretKey decode(String base64, String source) {
        try {
            return PersonalDataCipher.key(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the ledger master key from " + source + " is not base64 of 32 bytes", e);
        }
    }

    private static void write(Path file, String content) {
        try {
            PrivateFiles.create(file, content + "\n");
        } catch (FileAlreadyExistsException e) {
            // another instance created it at the same moment: use theirs (read by the caller next time)
            throw new IllegalStateException("the ledger master key file " + file + " appeared while it was being created; start again", e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot write the ledger master key file " + file, e.getCause());
        }
    }
}
