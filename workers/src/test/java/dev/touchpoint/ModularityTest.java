package dev.touchpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The application's module boundaries, checked rather than kept by care (Spring Modulith). Each top-level package
 * under {@code dev.touchpoint} is a module; what others may use is its base package, everything below it (its
 * {@code internal} package) is its own, and modules form no cycle. The channel adapters, the brand design system and
 * the task catalog and the local cluster are separate Maven modules (their own jars, checked by Maven's module graph) and are left out.
 *
 * <p>The module documentation in {@code docs/modules/} (PlantUML component diagrams and one canvas per module) is
 * generated from the code here and must match it (line by line, in any order: the documenter's order varies): after a change of the modules, regenerate with
 * {@code ./mvnw -pl workers test -Dtest=ModularityTest -Dtouchpoint.modules.write=true} and commit.
 */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of("dev.touchpoint",
            JavaClass.Predicates.resideInAnyPackage("dev.touchpoint.channel..", "dev.touchpoint.brand..",
                    "dev.touchpoint.cluster..", "dev.touchpoint.tasks.."));

    @Test
    void modulesOnlyUseEachOthersBasePackagesAndFormNoCycle() {
        MODULES.verify();
    }

    @Test
    void theModuleDocumentationInDocsMatchesTheCode() throws IOException {
        Path generated = Path.of("target", "spring-modulith-docs");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        Path committed = Path.of(RepositoryPaths.home(), "docs", "modules");
        if (Boolean.getBoolean("touchpoint.modules.write")) {
            copy(generated, committed);
        }
        Map<String, String> expected = read(generated);
        assertThat(expected).as("the documenter wrote nothing").isNotEmpty();
        assertThat(read(committed))
                .as("docs/modules/ differs from what the code generates; regenerate with ./mvnw -pl workers test "
                        + "-Dtest=ModularityTest -Dtouchpoint.modules.write=true and commit")
                .isEqualTo(expected);
    }

    private static Map<String, String> read(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> paths = Files.list(folder)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                // the documenter writes elements in hash order, which differs between runs: compare the lines in any
                // order, a canvas table cell's first item ("|* `Type`") like its others
                files.put(p.getFileName().toString(), Files.readString(p).lines()
                        .map(line -> line.startsWith("|* ") ? line.substring(1) : line)
                        .sorted().collect(Collectors.joining("\n")));
            }
        }
        return files;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> old = Files.list(to)) {
            for (Path p : old.filter(p -> p.toString().endsWith(".puml") || p.toString().endsWith(".adoc")).toList()) {
                Files.delete(p);
            }
        }
        try (Stream<Path> paths = Files.list(from)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                Files.copy(p, to.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

}
