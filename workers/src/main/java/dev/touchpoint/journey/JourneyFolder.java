package dev.touchpoint.journey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Finds the deployable files below the journeys folder. */
public final class JourneyFolder {

    static final Set<String> EXTENSIONS = Set.of(".bpmn", ".dmn", ".form");

    /** Folders that belong to the build, not to the journeys: the Maven module's sources and output. */
    private static final Set<String> SKIPPED_FOLDERS = Set.of("src", "target", "node_modules");

    private final Path root;

    public JourneyFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Every deployable file, sorted by resource name so the deployment is the same on every machine. */
    public List<JourneyFile> files() {
        if (!Files.isDirectory(root)) {
            throw new JourneyDeploymentException(
                    "The journeys folder " + root + " does not exist. Start Touchpoint from the repository root"
                            + " (./touchpoint run) or set touchpoint.journeys.location to the folder holding your"
                            + " *.bpmn files.");
        }
        List<JourneyFile> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(root)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String name = dir.getFileName().toString();
                    return name.startsWith(".") || SKIPPED_FOLDERS.contains(name)
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile() && isDeployable(file)) {
                        found.add(new JourneyFile(resourceName(file), file, Files.readAllBytes(file)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the journeys folder " + root, e);
        }
        found.sort(Comparator.comparing(JourneyFile::resourceName));
        return List.copyOf(found);
    }

    private String resourceName(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static boolean isDeployable(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }
}
