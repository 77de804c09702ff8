package dev.touchpoint.security;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Secrets that the embedded default generates for itself when none is configured (unsubscribe signing, tracking links,
 * the suppression list, event-source keys), kept owner-only under {@code .touchpoint/}. Generation is allowed only
 * while {@code touchpoint.secrets.generate-missing} is true (the embedded default). The cluster profile sets it to
 * false: a secret generated per instance would make links signed by one instance fail on another, and after a restart
 * on an ephemeral disk (RFC 8058 one-click unsubscribe included), so a missing secret stops the start with the property
 * to set.
 */
public final class GeneratedSecrets {

    /** The switch, read by every configuration that may generate a secret. */
    public static final String GENERATE_MISSING = "touchpoint.secrets.generate-missing";

    private GeneratedSecrets() {
    }

    /**
     * The secret kept in {@code file}, generated into it first (32 random bytes) when it does not exist and generation
     * is allowed.
     *
     * @param what     what the secret is for, for the error (e.g. "the unsubscribe links")
     * @param property the property that configures it instead
     * @param env      its environment variable
     * @throws IllegalStateException naming the property when the file does not exist and generation is not allowed
     */
    public static byte[] fromFile(Path file, boolean generateMissing, String what, String property, String env) {
        if (!generateMissing && !Files.isReadable(file)) {
            throw new IllegalStateException(what + " need a secret that every instance shares: set " + property + " (env "
                    + env + ", at least 16 bytes, e.g. `openssl rand -base64 32`, the same on every instance) or provide the"
                    + " file " + file.toAbsolutePath() + ". " + GENERATE_MISSING + " is false (the cluster profile), so no"
                    + " instance generates one of its own");
        }
        return PrivateFiles.readOrCreateSecret(file, 32);
    }
}
