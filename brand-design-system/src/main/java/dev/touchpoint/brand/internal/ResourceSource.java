package dev.touchpoint.brand.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the brand's files come from: the classpath (shipped in the jar) or a directory (a designer's working copy). */
public interface ResourceSource {

    /** The bytes of a file relative to the brand root, or empty when it does not exist. */
    Optional<byte[]> bytes(String relativePath);

    /** A readable location for messages, e.g. {@code classpath:brand/templates/welcome/template.json}. */
    String describe(String relativePath);

    default Optional<String> text(String relativePath) {
        return bytes(relativePath).map(b -> {
            String text = new String(b, StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        });
    }

    static ResourceSource classpath(ClassLoader classLoader, String root) {
        String prefix = root.endsWith("/") ? root : root + "/";
        String cleanPrefix = prefix.startsWith("/") ? prefix.substring(1) : prefix;
        return new ResourceSource() {
            @Override
            public Optional<byte[]> bytes(String relativePath) {
                checkRelative(relativePath);
                URL url = classLoader.getResource(cleanPrefix + relativePath);
                if (url == null) {
                    return Optional.empty();
                }
                try (InputStream in = url.openStream()) {
                    return Optional.of(in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + describe(relativePath), e);
                }
            }

            @Override
            public String describe(String relativePath) {
                return "classpath:" + cleanPrefix + relativePath;
            }
        };
    }

    static ResourceSource directory(Path root) {
        Path base = root.toAbsolutePath().normalize();
        return new ResourceSource() {
            @Override
            public Optional<byte[]> bytes(String relativePath) {
                checkRelative(relativePath);
                Path file = base.resolve(relativePath).normalize();
                if (!file.startsWith(base) || !Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + file, e);
                }
            }

            @Override
            public String describe(String relativePath) {
                return base.resolve(relativePath).toString();
            }
        };
    }

    private static void checkRelative(String relativePath) {
        if (relativePath.startsWith("/") || relativePath.contains("..") || relativePath.contains("\\")) {
            throw new IllegalArgumentException("Not a relative brand path: " + relativePath);
        }
    }
}
