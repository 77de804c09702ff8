package dev.touchpoint.simulation;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a scenario file (YAML, or JSON, which is YAML too) into a {@link Scenario}. Every problem is reported, not
 * only the first, as {@code file:line: field: reason}; a file with problems is refused whole.
 */
public final class ScenarioReader {

    static final Set<String> TOP = Set.of("name", "description", "journeys", "start", "zone", "runFor", "customers", "events", "expect");
    /** The customer import format's fields (docs/operator-guide.md, "Customer API and import"), without the id. */
    static final Set<String> PROFILE = Set.of("givenName", "familyName", "locale", "timeZone", "email", "phone", "pushTokens",
            "loyaltyTier", "homeStore", "attributes", "preferredChannels", "quietHours", "consents", "consentAt");
    static final Set<String> STATUSES = Set.of("SENT", "UNCONFIRMED", "SUPPRESSED", "DEFERRED", "UNDELIVERABLE");
    private static final Set<String> CHANNELS = Set.of("email", "sms", "push", "kiosk");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

    private final List<String> problems = new ArrayList<>();
    private final Path file;

    private ScenarioReader(Path file) {
        this.file = file;
    }

    /** Reads one scenario file; throws {@link ScenarioException} listing every problem. */
    public static Scenario read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".yaml") && !name.endsWith(".yml") && !name.endsWith(".json")) {
            throw new ScenarioException(file + ": a scenario is a .yaml, .yml or .json file");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new ScenarioReader(file).parse(reader);
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** The scenario files of a folder (not recursive), sorted by name. */
    public static List<Path> filesIn(Path folder) {
        try (var entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(ya?ml|json)"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new ScenarioException(folder + ": cannot list the scenarios: " + e.getMessage());
        }
    }

    private Scenario parse(Reader reader) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
        } catch (MarkedYAMLException e) {
            throw new ScenarioException(file + ":" + (e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1)
                    + ": not valid YAML or JSON: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new ScenarioException(file + ": not valid YAML or JSON: " + e.getMessage());
        }
        if (!(root instanceof MappingNode top)) {
            throw new ScenarioException(file + ":1: expected a mapping with name, start, customers, events and expect");
        }
        Map<String, Node> fields = mapping(top, "scenario", TOP);
        String name = text(fields.get("name"), "name").orElse(file.getFileName().toString());
        Instant start = required(fields, top, "start").flatMap(n -> instant(n, "start")).orElse(Instant.EPOCH);
        ZoneId zone = text(fields.get("zone"), "zone").flatMap(z -> zone(fields.get("zone"), z)).orElse(ZoneOffset.UTC);
        Duration runFor = required(fields, top, "runFor").flatMap(n -> duration(n, "runFor")).orElse(Duration.ZERO);
        if (fields.get("journeys") != null && !(fields.get("journeys") instanceof SequenceNode)) {
            problem(fields.get("journeys"), "journeys", "expected a list of journey (process) ids");
        }

        Map<String, Scenario.Customer> customers = new LinkedHashMap<>();
        required(fields, top, "customers").ifPresent(node -> {
            if (!(node instanceof MappingNode map)) {
                problem(node, "customers", "expected a mapping of customer names to their profile");
                return;
            }
            for (NodeTuple tuple : map.getValue()) {
                String customer = scalar(tuple.getKeyNode());
                if (customer == null || !NAME.matcher(customer).matches()) {
                    problem(tuple.getKeyNode(), "customers", "a customer name is letters, digits, _ and - (up to 40), was '" + customer + "'");
                    continue;
                }
                customers.put(customer, customer(customer, tuple.getValueNode()));
            }
        });

        List<Scenario.Step> steps = new ArrayList<>();
        required(fields, top, "events").ifPresent(node -> {
            if (!(node instanceof SequenceNode list)) {
                problem(node, "events", "expected a list of events");
                return;
            }
            for (Node item : list.getValue()) {
                step(item, start, customers.keySet()).ifPresent(steps::add);
            }
        });
        steps.sort(Comparator.comparing(Scenario.Step::at)); // stable: file order for equal times

        List<Scenario.ExpectedTouchpoint> touchpoints = new ArrayList<>();
        List<Scenario.ExpectedJourney> journeys = new ArrayList<>();
        required(fields, top, "expect").ifPresent(node -> expect(node, start, customers.keySet(), touchpoints, journeys));
        for (Scenario.Step step : steps) {
            if (step.at().compareTo(runFor) > 0) {
                problem(step.line(), "events", "at " + step.at() + " is after runFor (" + runFor + "): it would never happen");
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(file, problems);
        }
        return new Scenario(file, name, start, zone, runFor, customers, steps, touchpoints, journeys);
    }

    private Scenario.Customer customer(String name, Node node) {
        if (!(node instanceof MappingNode map)) {
            problem(node, "customers." + name, "expected the customer's profile (locale, timeZone, email, phone, consents, ...)");
            return new Scenario.Customer(name, line(node), Map.of(), List.of());
        }
        Set<String> allowed = new java.util.HashSet<>(PROFILE);
        allowed.add("contacted");
        Map<String, Node> fields = mapping(map, "customers." + name, allowed);
        Map<String, Object> profile = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            if (PROFILE.contains(key)) {
                profile.put(key, value(value));
            }
        });
        List<Scenario.Contact> contacted = new ArrayList<>();
        Node history = fields.get("contacted");
        if (history != null) {
            if (!(history instanceof SequenceNode list)) {
                problem(history, "customers." + name + ".contacted", "expected a list of {channel, ago}");
            } else {
                for (Node item : list.getValue()) {
                    if (!(item instanceof MappingNode entry)) {
                        problem(item, "customers." + name + ".contacted", "expected {channel: email, ago: PT3H}");
                        continue;
                    }
                    Map<String, Node> contact = mapping(entry, "customers." + name + ".contacted", Set.of("channel", "ago"));
                    Optional<String> channel = required(contact, entry, "channel").flatMap(n -> channel(n, "contacted.channel"));
                    Optional<Duration> ago = required(contact, entry, "ago").flatMap(n -> duration(n, "contacted.ago"));
                    if (channel.isPresent() && ago.isPresent()) {
                        contacted.add(new Scenario.Contact(line(item), channel.get(), ago.get()));
                    }
                }
            }
        }
        return new Scenario.Customer(name, line(node), profile, List.copyOf(contacted));
    }

    private Optional<Scenario.Step> step(Node node, Instant start, Set<String> customers) {
        if (!(node instanceof MappingNode map)) {
            problem(node, "events", "expected {at, customer, type | reply | start, ...}");
            return Optional.empty();
        }
        Map<String, Node> fields = mapping(map, "events", Set.of("at", "customer", "type", "data", "key", "reply", "start", "variables"));
        Optional<Duration> at = required(fields, map, "at").flatMap(n -> at(n, start, "at"));
        Optional<String> customer = required(fields, map, "customer").flatMap(n -> customer(n, customers));
        long kinds = java.util.stream.Stream.of("type", "reply", "start").filter(fields::containsKey).count();
        if (kinds != 1) {
            problem(map, "events", "an event has exactly one of type (a customer event), reply (an SMS from the customer)"
                    + " or start (a journey created for the customer)");
            return Optional.empty();
        }
        if (at.isEmpty() || customer.isEmpty()) {
            return Optional.empty();
        }
        int line = line(node);
        if (fields.containsKey("type")) {
            Optional<String> type = text(fields.get("type"), "type");
            Map<String, Object> data = fields.get("data") == null ? Map.of() : map(fields.get("data"), "data");
            Optional<String> key = text(fields.get("key"), "key");
            if (fields.containsKey("variables")) {
                problem(fields.get("variables"), "variables", "belongs to start; a customer event carries data");
            }
            return type.map(t -> new Scenario.Event(line, at.get(), customer.get(), t, data, key));
        }
        if (fields.containsKey("reply")) {
            return text(fields.get("reply"), "reply").map(text -> new Scenario.Reply(line, at.get(), customer.get(), text));
        }
        Map<String, Object> variables = fields.get("variables") == null ? Map.of() : map(fields.get("variables"), "variables");
        return text(fields.get("start"), "start").map(journey -> new Scenario.Start(line, at.get(), customer.get(), journey, variables));
    }

    private void expect(Node node, Instant start, Set<String> customers, List<Scenario.ExpectedTouchpoint> touchpoints,
                        List<Scenario.ExpectedJourney> journeys) {
        if (!(node instanceof MappingNode map)) {
            problem(node, "expect", "expected {touchpoints: [...], journeys: [...]}");
            return;
        }
        Map<String, Node> fields = mapping(map, "expect", Set.of("touchpoints", "journeys"));
        Node list = fields.get("touchpoints");
        if (list != null && !(list instanceof SequenceNode)) {
            problem(list, "expect.touchpoints", "expected a list");
        } else if (list != null) {
            for (Node item : ((SequenceNode) list).getValue()) {
                if (!(item instanceof MappingNode entry)) {
                    problem(item, "expect.touchpoints", "expected {customer, status, channel, template, locale, reason, at}");
                    continue;
                }
                Map<String, Node> f = mapping(entry, "expect.touchpoints",
                        Set.of("customer", "status", "at", "channel", "template", "locale", "reason"));
                Optional<String> customer = required(f, entry, "customer").flatMap(n -> customer(n, customers));
                Optional<String> status = required(f, entry, "status").flatMap(n -> text(n, "status"))
                        .map(s -> s.toUpperCase(Locale.ROOT));
                status.filter(s -> !STATUSES.contains(s)).ifPresent(s -> problem(f.get("status"), "status",
                        "'" + s + "' is not one of " + new java.util.TreeSet<>(STATUSES)));
                Optional<Duration> at = f.get("at") == null ? Optional.empty() : at(f.get("at"), start, "at");
                Optional<String> channel = f.get("channel") == null ? Optional.empty() : channel(f.get("channel"), "channel");
                Optional<String> template = text(f.get("template"), "template");
                Optional<String> locale = text(f.get("locale"), "locale");
                Optional<String> reason = text(f.get("reason"), "reason").map(r -> r.toUpperCase(Locale.ROOT));
                if (customer.isPresent() && status.filter(STATUSES::contains).isPresent()) {
                    touchpoints.add(new Scenario.ExpectedTouchpoint(line(item), customer.get(), status.get(), at, channel,
                            template, locale, reason));
                }
            }
        }
        list = fields.get("journeys");
        if (list != null && !(list instanceof SequenceNode)) {
            problem(list, "expect.journeys", "expected a list");
        } else if (list != null) {
            for (Node item : ((SequenceNode) list).getValue()) {
                if (!(item instanceof MappingNode entry)) {
                    problem(item, "expect.journeys", "expected {customer, journey, ended}");
                    continue;
                }
                Map<String, Node> f = mapping(entry, "expect.journeys", Set.of("customer", "journey", "ended"));
                Optional<String> customer = required(f, entry, "customer").flatMap(n -> customer(n, customers));
                Optional<String> journey = required(f, entry, "journey").flatMap(n -> text(n, "journey"));
                Optional<String> ended = required(f, entry, "ended").flatMap(n -> text(n, "ended"));
                if (customer.isPresent() && journey.isPresent() && ended.isPresent()) {
                    journeys.add(new Scenario.ExpectedJourney(line(item), customer.get(), journey.get(), ended.get()));
                }
            }
        }
    }

    // --- typed access with line numbers -----------------------------------------------------------------------

    private Map<String, Node> mapping(MappingNode map, String where, Set<String> allowed) {
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            String key = scalar(tuple.getKeyNode());
            if (key == null || !allowed.contains(key)) {
                problem(tuple.getKeyNode(), where, "unknown field '" + key + "'; allowed: " + new java.util.TreeSet<>(allowed));
            } else if (fields.put(key, tuple.getValueNode()) != null) {
                problem(tuple.getKeyNode(), where + "." + key, "appears twice");
            }
        }
        return fields;
    }

    private Optional<Node> required(Map<String, Node> fields, Node parent, String key) {
        Node node = fields.get(key);
        if (node == null || (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL))) {
            problem(parent, key, "is required");
            return Optional.empty();
        }
        return Optional.of(node);
    }

    private Optional<String> text(Node node, String field) {
        if (node == null) {
            return Optional.empty();
        }
        String value = scalar(node);
        if (value == null || value.isBlank()) {
            problem(node, field, "expected a text");
            return Optional.empty();
        }
        return Optional.of(value.strip());
    }

    private Optional<String> customer(Node node, Set<String> customers) {
        return text(node, "customer").filter(name -> {
            if (!customers.contains(name)) {
                problem(node, "customer", "'" + name + "' is not one of the scenario's customers " + customers);
                return false;
            }
            return true;
        });
    }

    private Optional<String> channel(Node node, String field) {
        return text(node, field).map(c -> c.toLowerCase(Locale.ROOT)).filter(c -> {
            if (!CHANNELS.contains(c)) {
                problem(node, field, "'" + c + "' is not one of " + new java.util.TreeSet<>(CHANNELS));
                return false;
            }
            return true;
        });
    }

    private Optional<Duration> duration(Node node, String field) {
        return text(node, field).flatMap(value -> {
            try {
                Duration duration = Duration.parse(value);
                if (duration.isNegative()) {
                    problem(node, field, "must not be negative");
                    return Optional.empty();
                }
                return Optional.of(duration);
            } catch (DateTimeParseException e) {
                problem(node, field, "'" + value + "' is not an ISO-8601 duration such as PT2H or P3DT1H");
                return Optional.empty();
            }
        });
    }

    private Optional<Instant> instant(Node node, String field) {
        return text(node, field).flatMap(value -> {
            try {
                return Optional.of(OffsetDateTime.parse(value).toInstant());
            } catch (DateTimeParseException e) {
                problem(node, field, "'" + value + "' is not a date and time with an offset, such as 2030-03-04T21:30:00+01:00");
                return Optional.empty();
            }
        });
    }

    /** A duration after the start (PT2H), or a date and time with an offset on or after it. */
    private Optional<Duration> at(Node node, Instant start, String field) {
        String value = scalar(node);
        if (value != null && value.strip().startsWith("P")) {
            return duration(node, field);
        }
        return instant(node, field).flatMap(instant -> {
            if (instant.isBefore(start)) {
                problem(node, field, instant + " is before the scenario's start " + start);
                return Optional.empty();
            }
            return Optional.of(Duration.between(start, instant));
        });
    }

    private Optional<ZoneId> zone(Node node, String value) {
        try {
            return Optional.of(ZoneId.of(value));
        } catch (DateTimeException e) {
            problem(node, "zone", "'" + value + "' is not a time zone such as Europe/Berlin");
            return Optional.empty();
        }
    }

    private Map<String, Object> map(Node node, String field) {
        if (!(node instanceof MappingNode)) {
            problem(node, field, "expected a mapping");
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value(node);
        return map;
    }

    /** Plain Java values: mappings, lists, text, whole and decimal numbers, booleans, null; dates stay text. */
    private Object value(Node node) {
        if (node instanceof MappingNode map) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                values.put(scalar(tuple.getKeyNode()), value(tuple.getValueNode()));
            }
            return values;
        }
        if (node instanceof SequenceNode list) {
            List<Object> values = new ArrayList<>();
            list.getValue().forEach(item -> values.add(value(item)));
            return values;
        }
        ScalarNode scalar = (ScalarNode) node;
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        try {
            if (tag.equals(Tag.NULL)) {
                return null;
            } else if (tag.equals(Tag.BOOL)) {
                return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT)) || text.equalsIgnoreCase("yes") || text.equalsIgnoreCase("on");
            } else if (tag.equals(Tag.INT)) {
                BigInteger number = new BigInteger(text.replace("_", ""));
                return number.bitLength() < 32 ? (Object) number.intValue() : number.bitLength() < 64 ? (Object) number.longValue() : number;
            } else if (tag.equals(Tag.FLOAT)) {
                return Double.parseDouble(text.replace("_", ""));
            }
        } catch (NumberFormatException e) {
            return text;
        }
        return text;
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL) ? scalar.getValue() : null;
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private void problem(Node node, String field, String reason) {
        problem(line(node), field, reason);
    }

    private void problem(int line, String field, String reason) {
        problems.add(file + ":" + line + ": " + field + ": " + reason);
    }

    /** A scenario that cannot run as written: every problem with file, line, field and reason. */
    public static final class ScenarioException extends RuntimeException {
        private final List<String> problems;

        ScenarioException(String problem) {
            super(problem);
            this.problems = List.of(problem);
        }

        ScenarioException(Path file, List<String> problems) {
            super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + file + ":\n  - "
                    + String.join("\n  - ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
