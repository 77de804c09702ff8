package dev.touchpoint.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** C0 is only a ceiling for C1 if its process has the welcome journey's shape: checked against the real file. */
class WelcomeShapeTest {

    private static final Path WELCOME = Path.of(java.util.Objects.requireNonNull(System.getProperty("touchpoint.home"),
            "touchpoint.home: run through Maven or pass -Dtouchpoint.home=<repository root>"), "workflows", "journeys", "welcome.bpmn");

    @Test
    void theCeilingProcessHasTheWelcomeJourneysServiceTasksWaitsAndInputs() {
        BpmnModelInstance welcome = Bpmn.readModelFromFile(WELCOME.toFile());
        BpmnModelInstance shape = E2eBenchmark.welcomeShape();
        Bpmn.validateModel(shape);

        assertThat(ids(shape, ServiceTask.class)).isEqualTo(ids(welcome, ServiceTask.class));
        assertThat(ids(shape, EventBasedGateway.class)).isEqualTo(ids(welcome, EventBasedGateway.class));
        assertThat(ids(shape, IntermediateCatchEvent.class)).isEqualTo(ids(welcome, IntermediateCatchEvent.class));
        assertThat(count(shape, MessageEventDefinition.class)).isEqualTo(count(welcome, MessageEventDefinition.class));
        assertThat(count(shape, TimerEventDefinition.class)).isEqualTo(count(welcome, TimerEventDefinition.class));
        assertThat(shape.getModelElementsByType(StartEvent.class)).singleElement()
                .satisfies(start -> assertThat(start.getEventDefinitions()).singleElement().isInstanceOf(MessageEventDefinition.class));
    }

    @Test
    void optionsParseDurationsRangesAndScenarios() {
        E2eOptions options = E2eOptions.parse(new String[] {"--scenarios=c1", "--warmup=5s", "--duration=2m",
                "--concurrency=4", "--customers=1000", "--smtp-delay=0", "--fcm-delay=10-30", "--repository=..", "--jfr"});
        assertThat(options.scenarios()).containsExactly("c1");
        assertThat(options.warmup().toSeconds()).isEqualTo(5);
        assertThat(options.duration().toSeconds()).isEqualTo(120);
        assertThat(options.concurrency()).isEqualTo(4);
        assertThat(options.smtpMinDelayMs()).isZero();
        assertThat(options.smtpMaxDelayMs()).isZero();
        assertThat(options.fcmMinDelayMs()).isEqualTo(10);
        assertThat(options.fcmMaxDelayMs()).isEqualTo(30);
        assertThat(options.jfr()).isTrue();
        assertThat(options.out()).endsWith(Path.of("benchmarks", "target", "bench-results"));
    }

    private static <T extends io.camunda.zeebe.model.bpmn.instance.BaseElement> List<String> ids(BpmnModelInstance model, Class<T> type) {
        return model.getModelElementsByType(type).stream().map(e -> e.getId()).sorted().toList();
    }

    private static int count(BpmnModelInstance model, Class<? extends org.camunda.bpm.model.xml.instance.ModelElementInstance> type) {
        return model.getModelElementsByType(type).size();
    }
}
