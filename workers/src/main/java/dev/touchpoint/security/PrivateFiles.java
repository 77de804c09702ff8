package dev.touchpoint.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets Touchpoint generates for itself in the embedded default (user passwords, the signing secret of unsubscribe
 * links, the ledger's master key), kept under {@code .touchpoint/} readable by the owner only. A file is written to
 * a temporary sibling created with owner-only permissions and moved into place atomically, so no other user can
 * ever read it and a crash never leaves half a secret.
 */
public final class PrivateFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PrivateFiles() {}

    /** Writes {@code content} to {@code file} (owner read/write only, atomically), replacing what was there. */
    public static void write(Path file, String content) {
        try {
            moveIntoPlace(file, content, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Like {@link #write} but never replaces: when {@code file} appeared meanwhile (another instance created it at the
     * same moment), throws {@link FileAlreadyExistsException} and leaves the other's content in place.
     */
    public static void create(Path file, String content) throws FileAlreadyExistsException {
        try {
            moveIntoPlace(file, content, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void moveIntoPlace(Path file, String content, StandardCopyOption... options) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException | FileAlreadyExistsException notPosix) {
            Files.createFile(temp); // Windows: the file inherits the folder's ACL
        }
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, file, options);
    }

    /** The base64 secret in {@code file}, or a new random one of {@code bytes} bytes written there first. */
    public static byte[] readOrCreateSecret(Path file, int bytes) {
        try {
            if (Files.isReadable(file)) {
                return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        write(file, Base64.getEncoder().encodeToString(secret) + "\n");
        return secret;
    }
}
