package dev.touchpoint.journey;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.engine.EngineRuntime;
import dev.touchpoint.security.PrivateFiles;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * What the embedded default loses at a restart, said honestly (issue 16.8, ADR-0022). Customers, consent, campaigns
 * and the evidence ledger are in the database and survive; the embedded engine is in memory, so the journeys still
 * running when Touchpoint stops are gone.
 *
 * <p>At a graceful stop this lists them in the log (instance, journey, customer id) and saves each one's journey and
 * root variables to an owner-only file ({@code .touchpoint/interrupted-journeys.json}: it holds what the journeys
 * held, e.g. offer codes and cart items). After the restart, {@link #restart} starts each again from its start, with
 * those variables and {@code restartedFrom = "<engine>:<instance>"} (a comma-separated chain when restarted again): the touchpoint workers then answer a task whose
 * touchpoint the interrupted instance already sent from that instance's evidence, without sending it again. A process
 * that is killed saves nothing (nothing runs at a kill): the ledger's journey index still shows which journeys of the
 * earlier incarnation never ended.
 */
public class InterruptedJourneys implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InterruptedJourneys.class);
    /** The variable a restarted instance carries: {@code <engine incarnation>:<process instance key>}. */
    public static final String RESTARTED_FROM = "restartedFrom";
    private static final TypeReference<List<Interrupted>> LIST = new TypeReference<>() {};

    private final EngineRuntime engine;
    private final CamundaClient client;
    private final Path file;
    private final String customerVariable;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private volatile boolean running;
    /** The running root instances and their root variables (raw JSON), kept from the engine's records. */
    private final Map<Long, Root> roots = new LinkedHashMap<>();
    private EngineRuntime.Subscription subscription;

    private static final class Root {
        /** Null until the process element is activated (its variables are created just before). */
        ProcessInstanceRecordValue value;
        final Map<String, String> variables = new LinkedHashMap<>();
    }

    /**
     * One journey instance that was running when the embedded engine stopped.
     *
     * @param engine     the engine incarnation it ran in
     * @param instance   its process instance key there
     * @param journey    BPMN process id
     * @param version    the deployed version it ran
     * @param customerId the customer, when the instance had the customer variable
     * @param variables  its root-scope variables at the stop
     */
    public record Interrupted(String engine, long instance, String journey, int version, String customerId,
                              Map<String, Object> variables) {}

    /** What {@link #restart} did: the instances started (old {@code engine:instance} to new key) and the failures. */
    public record RestartReport(Map<String, Long> restarted, Map<String, String> failed) {}

    public InterruptedJourneys(EngineRuntime engine, CamundaClient client, Path file, String customerVariable) {
        this.engine = engine;
        this.client = client;
        this.file = file;
        this.customerVariable = customerVariable;
    }

    /** The journeys the last stop interrupted that were not restarted yet. */
    public synchronized List<Interrupted> interrupted() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return json.readValue(file.toFile(), LIST);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the interrupted journeys in " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts every interrupted journey again from its start (latest deployed version), with its saved variables and
     * {@value #RESTARTED_FROM}; the ones started are removed from the file, the ones that fail stay (with the reason in
     * the report).
     */
    public synchronized RestartReport restart() {
        Map<String, Long> restarted = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        List<Interrupted> remaining = new ArrayList<>();
        for (Interrupted journey : interrupted()) {
            String from = journey.engine() + ":" + journey.instance();
            Map<String, Object> variables = new LinkedHashMap<>(journey.variables());
            // a chain: an instance restarted twice answers from the evidence of every earlier incarnation
            Object earlier = variables.get(RESTARTED_FROM);
            variables.put(RESTARTED_FROM, earlier == null || earlier.toString().isBlank() ? from : earlier + "," + from);
            try {
                long key = client.newCreateInstanceCommand().bpmnProcessId(journey.journey()).latestVersion()
                        .variables(variables).send().join().getProcessInstanceKey();
                restarted.put(from, key);
                log.info("Journey {} of customer {} (instance {} of engine {}) restarted as instance {}", journey.journey(),
                        journey.customerId(), journey.instance(), journey.engine(), key);
            } catch (RuntimeException e) {
                failed.put(from, e.getMessage());
                remaining.add(journey);
                log.warn("Journey {} of customer {} (instance {}) could not be restarted: {}", journey.journey(),
                        journey.customerId(), journey.instance(), e.getMessage());
            }
        }
        save(remaining);
        return new RestartReport(restarted, failed);
    }

    /**
     * The journeys running in the engine now, with their root variables: an index the engine's records keep up to date
     * (the engine keeps only a bounded window of records, so this cannot be read from it at the stop).
     */
    List<Interrupted> runningNow() {
        EngineRuntime.Subscription current = subscribe();
        if (current == null) {
            return List.of();
        }
        current.catchUp();
        List<Interrupted> running = new ArrayList<>();
        synchronized (roots) {
            roots.forEach((key, root) -> {
                if (root.value == null) {
                    return;
                }
                Map<String, Object> vars = new LinkedHashMap<>();
                root.variables.forEach((name, raw) -> vars.put(name, parse(raw)));
                Object customer = vars.get(customerVariable);
                running.add(new Interrupted(engine.identity(), key, root.value.getBpmnProcessId(), root.value.getVersion(),
                        customer == null ? null : String.valueOf(customer), vars));
            });
        }
        return running;
    }

    /** Follows the engine's records from the oldest it holds (at start-up: all of them); null for a remote engine. */
    private synchronized EngineRuntime.Subscription subscribe() {
        if (subscription == null) {
            subscription = engine.records().map(stream -> stream.subscribe("running-journeys", this::accept)).orElse(null);
        }
        return subscription;
    }

    private void accept(Record<?> record) {
        if (record.getRecordType() != RecordType.EVENT) {
            return;
        }
        synchronized (roots) {
            if (record.getValueType() == ValueType.PROCESS_INSTANCE
                    && record.getValue() instanceof ProcessInstanceRecordValue value
                    && value.getBpmnElementType() == BpmnElementType.PROCESS) {
                if (record.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED) {
                    roots.computeIfAbsent(record.getKey(), k -> new Root()).value = value;
                } else if (record.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED
                        || record.getIntent() == ProcessInstanceIntent.ELEMENT_TERMINATED) {
                    roots.remove(record.getKey());
                }
            } else if (record.getValueType() == ValueType.VARIABLE && record.getValue() instanceof VariableRecordValue variable
                    && variable.getScopeKey() == variable.getProcessInstanceKey()
                    && (record.getIntent() == VariableIntent.CREATED || record.getIntent() == VariableIntent.UPDATED)) {
                roots.computeIfAbsent(variable.getProcessInstanceKey(), k -> new Root())
                        .variables.put(variable.getName(), variable.getValue());
            }
        }
    }

    private Object parse(String value) {
        try {
            return json.readValue(value, Object.class);
        } catch (IOException e) {
            return value;
        }
    }

    @Override
    public void start() {
        running = true;
        subscribe();
        List<Interrupted> waiting;
        try {
            waiting = interrupted();
        } catch (UncheckedIOException e) {
            log.warn(e.getMessage());
            return;
        }
        if (!waiting.isEmpty()) {
            log.warn("{} journey(s) were still running when Touchpoint last stopped and were lost with the embedded engine"
                    + " (saved in {}): restart them with ./touchpoint journeys restart (POST /api/journeys/interrupted/restart)",
                    waiting.size(), file);
        }
    }

    /** At a graceful stop, while the engine still runs: list and save the journeys it is about to lose. */
    @Override
    public void stop() {
        running = false;
        List<Interrupted> now;
        try {
            now = runningNow();
        } catch (RuntimeException e) {
            log.warn("Could not list the journeys still running at shutdown: {}", e.toString());
            return;
        }
        if (now.isEmpty()) {
            log.info("Embedded engine stopping with no journey running: nothing is lost");
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (Interrupted journey : now) {
            lines.append(System.lineSeparator()).append("  instance ").append(journey.instance()).append(", journey ")
                    .append(journey.journey()).append(':').append(journey.version()).append(", customer ")
                    .append(journey.customerId() == null ? "-" : journey.customerId());
        }
        List<Interrupted> all = new ArrayList<>(synchronizedInterrupted());
        all.addAll(now);
        save(all);
        log.warn("The embedded engine is in memory: {} journey(s) still running are lost with this stop (customers, consent,"
                + " campaigns and the evidence ledger are kept):{}{}Saved to {}; after the restart, ./touchpoint journeys restart"
                + " (POST /api/journeys/interrupted/restart) starts them again from their start without repeating touchpoints"
                + " they already sent", now.size(), lines, System.lineSeparator(), file);
    }

    private List<Interrupted> synchronizedInterrupted() {
        try {
            return interrupted();
        } catch (UncheckedIOException e) {
            return List.of();
        }
    }

    private synchronized void save(List<Interrupted> journeys) {
        try {
            if (journeys.isEmpty()) {
                Files.deleteIfExists(file);
            } else {
                PrivateFiles.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(journeys));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops first (before the job workers and the process history), while the engine certainly still runs. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
