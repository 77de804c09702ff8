package dev.touchpoint;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the repository's own files are for tests that read them (journeys, element templates, config/, docs/): the
 * {@code touchpoint.home} system property, which the Maven build sets to the repository root for surefire and
 * failsafe. No relative {@code ../} guess: a test run from another working directory fails saying what to set.
 */
public final class RepositoryPaths {

    private RepositoryPaths() {
    }

    /** The repository root, absolute. */
    public static String home() {
        String home = System.getProperty("touchpoint.home");
        if (home == null || home.isBlank() || !Files.isDirectory(Path.of(home, "workflows"))) {
            throw new IllegalStateException("touchpoint.home is " + (home == null ? "not set" : "'" + home + "'")
                    + ": run the tests through Maven (it sets it to the repository root) or pass -Dtouchpoint.home=<repository root>");
        }
        return Path.of(home).toAbsolutePath().normalize().toString();
    }
}
