package dev.touchpoint.delivery;

import dev.touchpoint.delivery.internal.TouchpointJobWorkers;

import dev.touchpoint.delivery.internal.ExperimentSplitWorker;

import dev.touchpoint.delivery.internal.CustomerFactsWorker;

import dev.touchpoint.RepositoryPaths;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.tasks.TaskNames.Headers;
import dev.touchpoint.tasks.TaskNames.Types;
import io.camunda.client.annotation.JobWorker;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Camunda Modeler element templates in {@code workflows/element-templates/} against the workers that run the
 * tasks: every template's task type has a {@code @JobWorker}, every header it writes is one the worker reads, and
 * every input it maps is a variable the worker fetches. A field the worker ignores would be a lie to the designer.
 */
class ElementTemplatesMatchWorkersTest {

    private static final Path TEMPLATES = Path.of(RepositoryPaths.home(), "workflows", "element-templates");

    private final Map<String, Set<String>> fetchedByType = workers();

    @Test
    void everyTemplateMapsToAWorkerAndOnlyToWhatItReads() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(TEMPLATES)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("element templates in %s", TEMPLATES).hasSizeGreaterThanOrEqualTo(6);
        Set<String> typesWithTemplate = new HashSet<>();
        for (Path file : files) {
            JsonNode template = new ObjectMapper().readTree(file.toFile());
            if ("bpmn:BusinessRuleTask".equals(template.path("elementType").path("value").asText())) {
                continue; // a DMN decision, evaluated by the engine itself: no worker
            }
            String type = null;
            Set<String> headers = new HashSet<>();
            Set<String> inputs = new HashSet<>();
            for (JsonNode property : template.get("properties")) {
                JsonNode binding = property.get("binding");
                switch (binding.get("type").asText()) {
                    case "zeebe:taskDefinition" -> {
                        if ("type".equals(binding.path("property").asText())) {
                            type = property.get("value").asText();
                        }
                    }
                    case "zeebe:taskHeader" -> headers.add(binding.get("key").asText());
                    case "zeebe:input" -> inputs.add(binding.get("name").asText());
                    default -> { }
                }
            }
            assertThat(fetchedByType).as("%s: task type '%s' has a @JobWorker", file.getFileName(), type).containsKey(type);
            typesWithTemplate.add(type);
            Set<String> readHeaders = Types.EXPERIMENT_SPLIT.equals(type)
                    ? Set.of(Headers.EXPERIMENT, Headers.SPLIT)
                    : CustomerFactsWorker.TYPE.equals(type) ? CustomerFactsWorker.HEADERS
                    : dev.touchpoint.servicedesk.ServiceDeskWorker.TYPE.equals(type) ? dev.touchpoint.servicedesk.ServiceDeskWorker.HEADERS
                    : Set.copyOf(Headers.TOUCHPOINT_HEADERS);
            assertThat(readHeaders).as("%s: headers the worker reads", file.getFileName()).containsAll(headers);
            assertThat(fetchedByType.get(type)).as("%s: variables the worker fetches", file.getFileName()).containsAll(inputs);
        }
        assertThat(typesWithTemplate).as("every worker has an element template").containsAll(fetchedByType.keySet());
    }

    private static Map<String, Set<String>> workers() {
        Map<String, Set<String>> fetched = new HashMap<>();
        for (Class<?> type : List.of(TouchpointJobWorkers.class, ExperimentSplitWorker.class, CustomerFactsWorker.class,
                dev.touchpoint.servicedesk.ServiceDeskWorker.class)) {
            for (Method method : type.getMethods()) {
                JobWorker worker = method.getAnnotation(JobWorker.class);
                if (worker != null) {
                    fetched.put(worker.type(), Set.of(worker.fetchVariables()));
                }
            }
        }
        return fetched;
    }
}
