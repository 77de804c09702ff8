package dev.touchpoint.journey;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Start-up stops here when the journeys cannot be deployed; the message says which file, which element and why. */
public class JourneyDeploymentException extends RuntimeException {

    private final transient List<DiagramProblem> problems;

    public JourneyDeploymentException(String message) {
        super(message);
        this.problems = List.of();
    }

    public JourneyDeploymentException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
    }

    JourneyDeploymentException(Path folder, List<DiagramProblem> problems) {
        super(describe(folder, problems));
        this.problems = List.copyOf(problems);
    }

    public List<DiagramProblem> problems() {
        return problems;
    }

    private static String describe(Path folder, List<DiagramProblem> problems) {
        long files = problems.stream().map(DiagramProblem::resourceName).distinct().count();
        return files + (files == 1 ? " journey file" : " journey files") + " in " + folder
                + " cannot run (refused by the engine or by Touchpoint's journey lint); nothing was deployed:\n"
                + problems.stream().map(p -> "  - " + p.describe()).collect(Collectors.joining("\n"))
                + "\nOpen the file in Camunda Modeler, select the element by its id and fix it (or move the file out of"
                + " the journeys folder). To start anyway and deploy the valid files, set"
                + " touchpoint.journeys.on-rejected=report.";
    }
}
