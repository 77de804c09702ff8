package dev.touchpoint.journey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the engine's rejection of a deployment into one {@link DiagramProblem} per element (or per file). Zeebe
 * answers a bad deployment with INVALID_ARGUMENT and a text listing every rejected resource:
 *
 * <pre>
 * 'dir/bad.bpmn': - Element: task
 *     - ERROR: Must have exactly one 'zeebe:taskDefinition' extension element
 * 'other.bpmn': Error: URI=null Line=10: cvc-id.1: There is no ID/IDREF binding for IDREF 'nowhere'.
 * </pre>
 */
final class EngineRejection {

    private static final Pattern ELEMENT = Pattern.compile("^\\s*- Element: (\\S+)\\s*$");
    private static final Pattern ERROR = Pattern.compile("^\\s*- (?:ERROR|WARNING): (.+)$");
    private static final Pattern XML_ERROR =
            Pattern.compile("^(?:Fatal )?Error: URI=\\S* Line=(\\d+): (?:cvc-[\\w.-]+: )?(.+)$");

    private EngineRejection() {}

    /**
     * @param message the engine's rejection text
     * @param resourceNames the names of the files that were sent, so each block is attributed to the right file even
     *     when a name contains spaces or quotes
     * @return the problems found, in the engine's order; empty when the text names none of the files
     */
    static List<DiagramProblem> parse(String message, Collection<String> resourceNames) {
        List<DiagramProblem> problems = new ArrayList<>();
        String currentFile = null;
        String currentElement = null;
        for (String rawLine : message.split("\\R")) {
            String line = rawLine.stripTrailing();
            String file = fileStartingLine(line, resourceNames);
            String rest = line;
            if (file != null) {
                currentFile = file;
                currentElement = null;
                rest = line.substring(file.length() + 3).strip();
                if (rest.isEmpty()) {
                    continue;
                }
            }
            if (currentFile == null) {
                continue;
            }
            Matcher element = ELEMENT.matcher(rest);
            Matcher error = ERROR.matcher(rest);
            Matcher xml = XML_ERROR.matcher(rest.strip());
            if (element.matches()) {
                currentElement = element.group(1);
            } else if (error.matches()) {
                problems.add(new DiagramProblem(currentFile, currentElement, 0, error.group(1).strip()));
            } else if (xml.matches()) {
                problems.add(new DiagramProblem(currentFile, null, Integer.parseInt(xml.group(1)), xml.group(2).strip()));
            } else if (file != null) {
                problems.add(new DiagramProblem(currentFile, null, 0, rest));
            }
        }
        return problems;
    }

    private static String fileStartingLine(String line, Collection<String> resourceNames) {
        String best = null;
        for (String name : resourceNames) {
            if (line.startsWith("'" + name + "':") && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        return best;
    }
}
