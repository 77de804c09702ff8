package dev.touchpoint.brand;

import dev.touchpoint.channel.Channel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The shipped brand, loaded once for all tests, and copies of its source folder to break on purpose. */
public final class Brands {

    /**
     * The brand's source folder: {@code touchpoint.brand.source}, which the module's pom sets for Surefire; relative
     * to the module when a test runs without it (an IDE started in the module folder).
     */
    public static final Path SOURCE = Path.of(System.getProperty("touchpoint.brand.source",
            Path.of("src", "main", "resources", "brand").toString()));

    /**
     * On a fixed clock: the copyright year in every footer comes from the clock, and two renders that straddle a New
     * Year's midnight in the request's zone would otherwise differ.
     */
    public static final java.time.Clock CLOCK = java.time.Clock.fixed(java.time.Instant.parse("2026-06-15T12:00:00Z"), java.time.ZoneOffset.UTC);
    private static final BrandDesignSystem SHIPPED = BrandDesignSystem.fromClasspath(BrandDesignSystem.DEFAULT_CLASSPATH_ROOT,
            BrandDesignSystem.class.getClassLoader(), CLOCK);

    private Brands() {
    }

    public static BrandDesignSystem shipped() {
        return SHIPPED;
    }

    /** A copy of the brand source folder under {@code target}, to modify in a test. */
    public static Path copy(Path directory) {
        try (Stream<Path> files = Files.walk(SOURCE)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = directory.resolve(SOURCE.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces text in a file of a brand copy; fails when the text is not there. */
    public static void replace(Path brand, String file, String from, String to) {
        try {
            Path path = brand.resolve(file);
            String content = Files.readString(path);
            if (!content.contains(from)) {
                throw new IllegalArgumentException(file + " does not contain " + from);
            }
            Files.writeString(path, content.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A render request with the template's sample data for a locale. */
    public static RenderRequest sample(String templateId, Channel channel, String locale) {
        String resolved = SHIPPED.resolveLocale(java.util.Locale.forLanguageTag(locale));
        return SHIPPED.sample(templateId, resolved).orElseThrow().request(templateId, channel, locale);
    }

    /** The sample variables of a template in a locale, as a mutable map to change in a test. */
    public static java.util.Map<String, Object> sampleVariables(String templateId, String locale) {
        return new java.util.LinkedHashMap<>(SHIPPED.sample(templateId, locale).orElseThrow().variables());
    }
}
