package dev.touchpoint.simulation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.channel.DeliveryStatus;
import dev.touchpoint.channel.DeliveryStatusReported;
import dev.touchpoint.channel.sms.sandbox.SandboxSms;
import dev.touchpoint.channel.sms.sandbox.TwilioSandbox;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerImport;
import dev.touchpoint.context.ImportFormat;
import dev.touchpoint.context.ImportReport;
import dev.touchpoint.context.Priority;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.TouchpointDecision;
import dev.touchpoint.context.TouchpointRequest;
import dev.touchpoint.delivery.TouchpointEvent;
import dev.touchpoint.engine.EngineRuntime;
import dev.touchpoint.ingress.EventIngress;
import dev.touchpoint.ingress.EventOutcome;
import dev.touchpoint.ingress.IngressEvent;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Runs scenarios on a running Touchpoint (the real journeys on the embedded engine, the real workers, customer context,
 * ingress and sandbox providers) with virtual time: it moves the application's {@link SimulatedClock} and the engine's
 * clock together, from one thing that happens to the next (a scenario event, a timer, a deferred or retried job), and
 * waits at each point until the engine, the workers and the sandbox providers are idle. What the workers decided
 * becomes the timeline; the scenario's expectations are matched against it.
 *
 * <p>Scenarios share one application: each one's customers get ids of their own ({@code s<n>.<name>}), its journeys
 * still running at its end are cancelled, and its clocks start where it says.
 */
public final class Simulator {

    static final Duration QUIET = Duration.ofMillis(250);
    static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);
    private static final int MAX_WAKE_UPS = 5_000;
    private static final Set<String> FINAL_SMS = Set.of("delivered", "undelivered", "failed", "received", "canceled", "read");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatedClock clock;
    private final EngineRuntime engine;
    private final CamundaClient client;
    private final EventIngress ingress;
    private final CustomerImport importer;
    private final CustomerContextStore customers;
    private final TwilioSandbox twilio;
    private final String smsSender;
    private final EngineActivity activity;
    private final List<TouchpointEvent> touchpointEvents = new CopyOnWriteArrayList<>();
    private final List<DeliveryStatusReported> reports = new CopyOnWriteArrayList<>();
    private long engineAdvancedMillis;
    private int scenarios;

    public Simulator(ConfigurableApplicationContext context, SimulatedClock clock) {
        this.clock = clock;
        this.engine = context.getBean(EngineRuntime.class);
        this.client = context.getBean(CamundaClient.class);
        this.ingress = context.getBean(EventIngress.class);
        this.importer = context.getBean(CustomerImport.class);
        this.customers = context.getBean(CustomerContextStore.class);
        this.twilio = context.getBeanProvider(TwilioSandbox.class).getIfAvailable();
        this.smsSender = context.getEnvironment().getProperty("touchpoint.channels.sms.sandbox.from", "+15005550006");
        if (engine.clock().isEmpty() || engine.records().isEmpty()) {
            throw new IllegalStateException("a simulation needs the embedded engine (touchpoint.engine.mode=embedded)");
        }
        this.activity = new EngineActivity(engine.records().get());
        context.addApplicationListener((ApplicationListener<PayloadApplicationEvent<?>>) event -> {
            if (event.getPayload() instanceof TouchpointEvent touchpoint) {
                touchpointEvents.add(touchpoint);
            } else if (event.getPayload() instanceof DeliveryStatusReported reported) {
                reports.add(reported);
            }
        });
    }

    /** Runs one scenario to its end and matches its expectations; never throws for a scenario that misbehaves. */
    public SimulationReport run(Scenario scenario) {
        long began = System.nanoTime();
        int number = ++scenarios;
        Run run = new Run(scenario, number);
        try {
            run.execute();
        } catch (ScenarioFailure failure) {
            run.problems.add(failure.getMessage());
        }
        try {
            return run.report(Duration.ofNanos(System.nanoTime() - began));
        } finally {
            run.cancelRunningJourneys();
        }
    }

    /** One scenario's run: its customer ids, its timeline and its problems. */
    private final class Run {
        final Scenario scenario;
        final Map<String, String> ids = new LinkedHashMap<>();
        final Map<String, String> names = new HashMap<>();
        final List<SimulationReport.Entry> steps = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final int firstEvent = touchpointEvents.size();
        final int firstReport = reports.size();
        Instant end;

        Run(Scenario scenario, int number) {
            this.scenario = scenario;
            for (String name : scenario.customers().keySet()) {
                String id = "s" + number + "." + name;
                ids.put(name, id);
                names.put(id, name);
            }
        }

        void execute() {
            clock.set(scenario.start());
            end = scenario.start().plus(scenario.runFor());
            importCustomers();
            seedContactHistory();
            settle("the customers were imported");
            int next = 0;
            for (int wakeUps = 0; ; wakeUps++) {
                if (wakeUps > MAX_WAKE_UPS) {
                    throw new ScenarioFailure("more than " + MAX_WAKE_UPS + " timers and retries fell due before " + end
                            + ": does a journey loop on a timer?");
                }
                Instant nextStep = next < scenario.steps().size() ? scenario.start().plus(scenario.steps().get(next).at()) : null;
                Instant nextDue = nextDue().orElse(null);
                Instant wake = nextStep == null ? nextDue : nextDue == null || nextStep.isBefore(nextDue) ? nextStep : nextDue;
                if (wake == null || wake.isAfter(end)) {
                    break;
                }
                advanceTo(wake);
                if (nextStep != null && !nextStep.isAfter(clock.instant())) {
                    Duration at = scenario.steps().get(next).at();
                    while (next < scenario.steps().size() && scenario.steps().get(next).at().equals(at)) {
                        fire(scenario.steps().get(next++));
                    }
                    settle("the events at " + at);
                } else {
                    settle("the timers due at " + wake);
                }
            }
        }

        private void importCustomers() {
            StringBuilder lines = new StringBuilder();
            List<Scenario.Customer> list = List.copyOf(scenario.customers().values());
            for (Scenario.Customer customer : list) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", ids.get(customer.name()));
                row.putAll(customer.profile());
                try {
                    lines.append(JSON.writeValueAsString(row)).append('\n');
                } catch (JsonProcessingException e) {
                    throw new ScenarioFailure(scenario.file() + ":" + customer.line() + ": customers." + customer.name()
                            + ": cannot be written as an import row: " + e.getOriginalMessage());
                }
            }
            ImportReport report = importer.importCustomers(new StringReader(lines.toString()), ImportFormat.JSONL,
                    "simulation " + scenario.file().getFileName());
            List<String> refused = new ArrayList<>();
            for (ImportReport.Problem problem : report.errors()) {
                Scenario.Customer customer = list.get(Math.max(0, Math.min(list.size() - 1, problem.line() - 1)));
                refused.add(scenario.file() + ":" + customer.line() + ": customers." + customer.name() + "." + problem.field()
                        + ": " + problem.reason());
            }
            if (report.abortedBecause() != null) {
                refused.add(scenario.file() + ": the customers could not be imported: " + report.abortedBecause());
            }
            if (!refused.isEmpty()) {
                throw new ScenarioFailure(String.join("\n", refused));
            }
        }

        /** Earlier touchpoints, decided and confirmed at their own time, so they count against the contact budget. */
        private void seedContactHistory() {
            int n = 0;
            for (Scenario.Customer customer : scenario.customers().values()) {
                for (Scenario.Contact contact : customer.contacted()) {
                    clock.set(scenario.start().minus(contact.ago()));
                    Channel channel = Channel.valueOf(contact.channel().toUpperCase(Locale.ROOT));
                    String key = ids.get(customer.name()) + ":contacted:" + (++n);
                    TouchpointDecision decision = customers.decide(new TouchpointRequest(ids.get(customer.name()), channel,
                            Purpose.MARKETING, Priority.NORMAL, "before-the-scenario", "earlier-contact@1", key));
                    if (!(decision instanceof TouchpointDecision.Send send)) {
                        clock.set(scenario.start());
                        throw new ScenarioFailure(scenario.file() + ":" + contact.line() + ": customers." + customer.name()
                                + ".contacted: a " + contact.channel() + " touchpoint " + contact.ago() + " before the start"
                                + " would not have been sent (" + decision + "): it cannot count against the budget; give the"
                                + " customer consent on that channel, or pick a time outside quiet hours");
                    }
                    customers.confirm(send.reservation(), "earlier-" + key);
                }
            }
            clock.set(scenario.start());
        }

        private void fire(Scenario.Step step) {
            String id = ids.get(step.customer());
            String where = scenario.file() + ":" + step.line() + ": ";
            switch (step) {
                case Scenario.Event event -> {
                    String key = id + ":" + event.key().orElse("event-" + event.line());
                    EventOutcome outcome = ingress.submit(new IngressEvent(event.type(), id, clock.instant(), key, event.data()));
                    steps.add(entry(step.customer(), "EVENT", event.type() + " (" + outcome.status() + ")"));
                    if (outcome.status() == EventOutcome.Status.REJECTED || outcome.status() == EventOutcome.Status.BUSY) {
                        throw new ScenarioFailure(where + "event " + event.type() + " " + outcome.status() + ": "
                                + (outcome.field() == null ? "" : outcome.field() + ": ") + outcome.reason());
                    }
                }
                case Scenario.Reply reply -> {
                    Object phone = scenario.customers().get(step.customer()).profile().get("phone");
                    if (twilio == null || phone == null) {
                        throw new ScenarioFailure(where + "reply: " + (twilio == null ? "the SMS sandbox is not running"
                                : "customer " + step.customer() + " has no phone"));
                    }
                    int status = twilio.simulateInbound(String.valueOf(phone).replaceAll("[\\s-]", ""), smsSender, reply.text());
                    steps.add(entry(step.customer(), "REPLY", "texts \"" + reply.text() + "\""));
                    if (status < 200 || status > 299) {
                        throw new ScenarioFailure(where + "reply: the SMS webhook answered HTTP " + status);
                    }
                }
                case Scenario.Start start -> {
                    Map<String, Object> variables = new LinkedHashMap<>(start.variables());
                    variables.put("customerId", id);
                    try {
                        client.newCreateInstanceCommand().bpmnProcessId(start.journey()).latestVersion().variables(variables)
                                .send().join(30, TimeUnit.SECONDS);
                    } catch (ClientStatusException e) {
                        throw new ScenarioFailure(where + "start: the engine refused to start " + start.journey() + ": "
                                + e.getStatusCode() + " " + e.getMessage());
                    }
                    steps.add(entry(step.customer(), "START", "journey " + start.journey()));
                }
            }
        }

        private SimulationReport.Entry entry(String customer, String kind, String text) {
            return new SimulationReport.Entry(clock.instant(), customer, kind, null, null, null, null, null, text);
        }

        /** Journeys of this scenario still running at its end stop here, so nothing of them fires in the next one. */
        void cancelRunningJourneys() {
            activity.update();
            for (EngineActivity.Instance instance : activity.instances()) {
                if (instance.running() && instance.customerId != null && names.containsKey(instance.customerId)) {
                    try {
                        client.newCancelInstanceCommand(instance.key).send().join(30, TimeUnit.SECONDS);
                    } catch (RuntimeException alreadyEnded) {
                        // ended between the look and the cancel
                    }
                }
            }
            try {
                settle("the scenario's journeys were cancelled");
            } catch (ScenarioFailure ignored) {
                // reported by the run already, if it matters
            }
        }

        SimulationReport report(Duration took) {
            activity.update();
            List<SimulationReport.Entry> timeline = new ArrayList<>(steps);
            List<SimulationReport.Entry> outcomes = new ArrayList<>();
            for (TouchpointEvent event : touchpointEvents.subList(firstEvent, touchpointEvents.size())) {
                TouchpointEvent.Header touchpoint = event.header();
                String name = names.get(touchpoint.customerId());
                Reported reported = Reported.of(event);
                if (name == null || reported == null) {
                    continue;
                }
                SimulationReport.Entry entry = new SimulationReport.Entry(touchpoint.at(), name, event.kind(),
                        touchpoint.channel() == null ? null : touchpoint.channel().id(),
                        touchpoint.templateId(), locale(event).orElse(null), reported.reason(), reported.until(),
                        touchpoint.journey() + " " + touchpoint.elementId());
                timeline.add(entry);
                if (reported.outcome()) {
                    outcomes.add(entry);
                }
            }
            for (DeliveryStatusReported reported : reports.subList(firstReport, reports.size())) {
                String name = names.get(reported.update().customerId());
                DeliveryStatus status = reported.update().status();
                        if (name != null && (status == DeliveryStatus.UNDELIVERED || status == DeliveryStatus.FAILED
                        || status == DeliveryStatus.BOUNCED)) {
                    timeline.add(new SimulationReport.Entry(reported.update().occurredAt(), name, "REPORTED",
                            reported.update().channel().name().toLowerCase(Locale.ROOT), null, null,
                            reported.update().failureReason() == null ? null : reported.update().failureReason().name(), null,
                            "the provider reports the message " + status.name().toLowerCase(Locale.ROOT)
                                    + (reported.update().errorCode() == null ? "" : " (code " + reported.update().errorCode() + ")")));
                }
            }
            // decisions the engine evaluated (business rule tasks), at application time: both clocks run in step
            long engineAhead = engineNowMillis() - clock.instant().toEpochMilli();
            for (EngineActivity.Decision decision : activity.decisions()) {
                String name = activity.instances().stream().filter(i -> i.key == decision.instanceKey() && i.customerId != null)
                        .map(i -> names.get(i.customerId)).filter(java.util.Objects::nonNull).findFirst().orElse(null);
                if (name != null) {
                    timeline.add(new SimulationReport.Entry(Instant.ofEpochMilli(decision.at() - engineAhead), name, "DECIDED",
                            null, null, null, null, null, decision.decisionId() + " -> " + decision.output()
                                    + " [" + decision.elementId() + "]"));
                }
            }
            timeline.sort(Comparator.comparing(SimulationReport.Entry::at));
            outcomes.sort(Comparator.comparing(SimulationReport.Entry::at));

            List<String> journeys = new ArrayList<>();
            Map<String, List<EngineActivity.Instance>> byCustomer = new LinkedHashMap<>();
            for (EngineActivity.Instance instance : activity.instances()) {
                String name = instance.customerId == null ? null : names.get(instance.customerId);
                if (name != null) {
                    byCustomer.computeIfAbsent(name, k -> new ArrayList<>()).add(instance);
                    journeys.add(instance.processId + " of " + name + ": " + (instance.completed ? "ended at " + instance.lastEnd
                            : "still waiting at " + instance.waitingAt.values() + " when the scenario ended (cancelled)"));
                }
                if (name != null) {
                    for (EngineActivity.Incident incident : activity.incidents()) {
                        if (incident.instanceKey() == instance.key) {
                            problems.add("incident in journey " + instance.processId + " of " + name + " at element '"
                                    + incident.elementId() + "': " + incident.message());
                        }
                    }
                }
            }
            match(outcomes);
            matchJourneys(byCustomer);
            return new SimulationReport(scenario, timeline, journeys, problems, took, customerZones());
        }

        private Map<String, ZoneId> customerZones() {
            Map<String, ZoneId> zones = new HashMap<>();
            scenario.customers().forEach((name, customer) -> {
                Object zone = customer.profile().get("timeZone");
                if (zone != null) {
                    try {
                        zones.put(name, ZoneId.of(zone.toString()));
                    } catch (java.time.DateTimeException ignored) {
                        // the import refused it already
                    }
                }
            });
            return zones;
        }

        private Optional<String> locale(TouchpointEvent event) {
            TouchpointEvent.Header touchpoint = event.header();
            if (!(event instanceof TouchpointEvent.Sent) || touchpoint.contentSha256() == null) {
                return Optional.empty();
            }
            for (Map<String, Object> variables : activity.completedJobVariables(touchpoint.processInstanceKey(), touchpoint.elementId())) {
                for (Object value : variables.values()) {
                    if (value instanceof Map<?, ?> result && touchpoint.contentSha256().equals(result.get("contentHash"))
                            && result.get("locale") != null) {
                        return Optional.of(result.get("locale").toString());
                    }
                }
            }
            return Optional.empty();
        }

        /** Every expected touchpoint must be in the timeline, and nothing else may be: the most specific ones first. */
        private void match(List<SimulationReport.Entry> outcomes) {
            List<SimulationReport.Entry> unmatched = new ArrayList<>(outcomes);
            List<Scenario.ExpectedTouchpoint> expected = new ArrayList<>(scenario.touchpoints());
            expected.sort(Comparator.comparingInt(Run::specified).reversed());
            List<Scenario.ExpectedTouchpoint> missing = new ArrayList<>();
            for (Scenario.ExpectedTouchpoint expectation : expected) {
                Optional<SimulationReport.Entry> found = unmatched.stream().filter(e -> matches(expectation, e)).findFirst();
                if (found.isPresent()) {
                    unmatched.remove(found.get());
                } else {
                    missing.add(expectation);
                }
            }
            missing.sort(Comparator.comparingInt(Scenario.ExpectedTouchpoint::line));
            for (Scenario.ExpectedTouchpoint expectation : missing) {
                problems.add("expected at line " + expectation.line() + ", not found: " + describe(expectation));
            }
            for (SimulationReport.Entry entry : unmatched) {
                problems.add("not expected: " + entry.customer() + " " + entry.kind() + " " + entry.channel() + " "
                        + entry.template() + (entry.reason() == null ? "" : " " + entry.reason()) + " at "
                        + SimulationReport.time(entry.at(), scenario.zone()) + " (add it to expect.touchpoints)");
            }
        }

        private static int specified(Scenario.ExpectedTouchpoint e) {
            return (e.at().isPresent() ? 1 : 0) + (e.channel().isPresent() ? 1 : 0) + (e.template().isPresent() ? 1 : 0)
                    + (e.locale().isPresent() ? 1 : 0) + (e.reason().isPresent() ? 1 : 0);
        }

        private boolean matches(Scenario.ExpectedTouchpoint e, SimulationReport.Entry actual) {
            return e.customer().equals(actual.customer()) && e.status().equals(actual.kind())
                    && e.channel().map(c -> c.equalsIgnoreCase(String.valueOf(actual.channel()))).orElse(true)
                    && e.template().map(t -> t.equals(actual.template())).orElse(true)
                    && e.locale().map(l -> actual.locale() != null && (actual.locale().equalsIgnoreCase(l)
                            || actual.locale().toLowerCase(Locale.ROOT).startsWith(l.toLowerCase(Locale.ROOT) + "-"))).orElse(true)
                    && e.reason().map(r -> r.equalsIgnoreCase(String.valueOf(actual.reason()))).orElse(true)
                    && e.at().map(at -> Duration.between(scenario.start().plus(at), actual.at()).abs()
                            .compareTo(Duration.ofMinutes(1)) < 0).orElse(true);
        }

        private String describe(Scenario.ExpectedTouchpoint e) {
            return e.customer() + " " + e.status() + e.channel().map(c -> " " + c).orElse("") + e.template().map(t -> " " + t).orElse("")
                    + e.locale().map(l -> " (" + l + ")").orElse("") + e.reason().map(r -> " " + r).orElse("")
                    + e.at().map(at -> " at " + SimulationReport.time(scenario.start().plus(at), scenario.zone())).orElse("");
        }

        private void matchJourneys(Map<String, List<EngineActivity.Instance>> byCustomer) {
            for (Scenario.ExpectedJourney expected : scenario.journeys()) {
                List<EngineActivity.Instance> instances = byCustomer.getOrDefault(expected.customer(), List.of()).stream()
                        .filter(i -> i.processId.equals(expected.journey())).toList();
                boolean ended = instances.stream().anyMatch(i -> i.completed && expected.ended().equals(i.lastEnd));
                if (!ended) {
                    problems.add("expected at line " + expected.line() + ": journey " + expected.journey() + " of "
                            + expected.customer() + " ends at '" + expected.ended() + "', but "
                            + (instances.isEmpty() ? "it never started" : instances.stream().map(i -> i.completed
                                    ? "it ended at '" + i.lastEnd + "'" : "it was still waiting at " + i.waitingAt.values())
                                    .collect(Collectors.joining("; "))));
                }
            }
        }
    }

    // --- time ----------------------------------------------------------------------------------------------------

    private long engineNowMillis() {
        return System.currentTimeMillis() + engineAdvancedMillis;
    }

    /** The application time at which the engine's next timer or job backoff falls due. */
    private Optional<Instant> nextDue() {
        activity.update();
        OptionalLong due = activity.nextDue();
        if (due.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(clock.instant().plusMillis(due.getAsLong() - engineNowMillis()));
    }

    /** Moves the application's clock and then the engine's by the same amount (the workers decide on the first). */
    private void advanceTo(Instant target) {
        Duration by = Duration.between(clock.instant(), target);
        if (by.isNegative() || by.isZero()) {
            return;
        }
        Duration millis = Duration.ofMillis(by.toMillis() + 1);
        clock.advance(millis);
        engine.clock().orElseThrow().advance(millis);
        engineAdvancedMillis += millis.toMillis();
    }

    /**
     * Waits until nothing moves: no job a worker should be working on, no timer or backoff already due, every SMS of
     * the sandbox at its final status (its status callbacks sent), and no new engine record for {@link #QUIET}.
     */
    private void settle(String after) {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        long quietSince = System.nanoTime();
        long nudged = System.nanoTime();
        int lastCount = -1;
        while (true) {
            int count = activity.update();
            List<String> open = activity.openJobs();
            OptionalLong due = activity.nextDue();
            boolean overdue = due.isPresent() && due.getAsLong() <= engineNowMillis();
            List<String> sending = pendingSms();
            boolean busy = !open.isEmpty() || overdue || !sending.isEmpty();
            long now = System.nanoTime();
            if (busy || count != lastCount) {
                lastCount = count;
                quietSince = now;
            } else if (now - quietSince >= QUIET.toNanos()) {
                return;
            }
            if (overdue && now - nudged > TimeUnit.SECONDS.toNanos(1)) {
                // a timer or backoff due by the clock but not yet fired: a millisecond on both clocks wakes the engine
                advanceTo(clock.instant().plusMillis(1));
                nudged = now;
            }
            if (now > deadline) {
                throw new ScenarioFailure("the journeys did not come to rest within " + SETTLE_LIMIT.toSeconds() + " s after "
                        + after + (open.isEmpty() ? "" : "; jobs no worker completes: " + open)
                        + (sending.isEmpty() ? "" : "; SMS still sending: " + sending));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScenarioFailure("interrupted");
            }
        }
    }

    private List<String> pendingSms() {
        if (twilio == null) {
            return List.of();
        }
        return twilio.messages().stream().filter(m -> m.status() != null && !FINAL_SMS.contains(m.status().toLowerCase(Locale.ROOT)))
                .map(SandboxSms::sid).toList();
    }

    /** A scenario stops here; the message says where and why. */
    static final class ScenarioFailure extends RuntimeException {
        ScenarioFailure(String message) {
            super(message);
        }
    }

    /**
     * What the report shows of a touchpoint event: its reason and until, and whether it is an outcome a scenario can
     * expect ({@link ScenarioReader#STATUSES}) or a step of the timeline only (a scheduled retry); null for SENDING,
     * whose outcome follows.
     */
    private record Reported(String reason, Instant until, boolean outcome) {

        static Reported of(TouchpointEvent event) {
            return switch (event) {
                case TouchpointEvent.Sending sending -> null;
                case TouchpointEvent.Sent sent -> new Reported(null, null, true);
                case TouchpointEvent.Unconfirmed unconfirmed -> new Reported(unconfirmed.reason(), null, true);
                case TouchpointEvent.Suppressed suppressed -> new Reported(suppressed.reason(), null, true);
                case TouchpointEvent.Deferred deferred -> new Reported(deferred.reason(), deferred.until(), true);
                case TouchpointEvent.Undeliverable undeliverable -> new Reported(undeliverable.reason(), null, true);
                case TouchpointEvent.RetryScheduled retry -> new Reported(retry.reason(), retry.until(), false);
            };
        }
    }
}
