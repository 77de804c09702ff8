package dev.touchpoint.journey;

import dev.touchpoint.engine.DeploymentGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The journey lint on every deployment that reaches the embedded engine's gateway (Camunda Modeler's deploy button
 * included), with the messages the start-up deployment and {@code ./touchpoint deploy} print.
 */
public final class JourneyLintGuard implements DeploymentGuard {

    private final JourneyLint lint;

    public JourneyLintGuard(JourneyLint lint) {
        this.lint = lint;
    }

    @Override
    public List<String> problems(Map<String, byte[]> resources) {
        List<JourneyFile> files = new ArrayList<>();
        resources.forEach((name, content) -> files.add(new JourneyFile(name, null, content)));
        return lint.check(files).stream().map(DiagramProblem::describe).toList();
    }
}
