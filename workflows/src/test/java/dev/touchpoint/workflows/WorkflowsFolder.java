package dev.touchpoint.workflows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the files under test live. Tests run with the module folder ({@code workflows/}) as working directory, as
 * Maven's surefire and failsafe do.
 */
final class WorkflowsFolder {

    /**
     * The brand design system's touchpoint templates, one folder per template id. Element templates offer exactly
     * these ids, so the test reads them from the sibling module's sources, found through the {@code touchpoint.home}
     * system property the Maven build sets to the repository root.
     */
    static final Path BRAND_TEMPLATES = repository().resolve(Path.of("brand-design-system", "src", "main", "resources", "brand", "templates"));

    private WorkflowsFolder() {
    }

    private static Path repository() {
        String home = System.getProperty("touchpoint.home");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("touchpoint.home is not set: run the tests through Maven (it sets it to the "
                    + "repository root) or pass -Dtouchpoint.home=<repository root>");
        }
        return Path.of(home).toAbsolutePath().normalize();
    }

    static Path root() {
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isDirectory(root.resolve("journeys"))) {
            throw new IllegalStateException("Run the tests from the workflows module folder; " + root + " has no journeys/");
        }
        return root;
    }

    static Path journeys() {
        return root().resolve("journeys");
    }

    static Path elementTemplates() {
        return root().resolve("element-templates");
    }

    static Path brandTemplates() {
        return root().resolve(BRAND_TEMPLATES).normalize();
    }

    /** Every {@code *.bpmn} in {@code journeys/}, sorted by name. */
    static List<Path> journeyFiles() {
        return list(journeys(), ".bpmn");
    }

    /** Every {@code *.dmn} in {@code decisions/}, sorted by name (deployed with the journeys). */
    static List<Path> decisionFiles() {
        return list(root().resolve("decisions"), ".dmn");
    }

    /** The journeys and decisions: what the workers app deploys from this folder, in one deployment. */
    static List<Path> deployedFiles() {
        List<Path> files = new java.util.ArrayList<>(journeyFiles());
        files.addAll(decisionFiles());
        return List.copyOf(files);
    }

    /** Every {@code *.json} in {@code element-templates/}, sorted by name. */
    static List<Path> elementTemplateFiles() {
        return list(elementTemplates(), ".json");
    }

    private static List<Path> list(Path folder, String suffix) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
