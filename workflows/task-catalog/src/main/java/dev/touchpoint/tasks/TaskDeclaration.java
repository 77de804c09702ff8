package dev.touchpoint.tasks;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One task a journey designer can put in a diagram, as its Camunda Modeler element template presents it: the template's
 * identity and texts, the task type the workers subscribe to, and the fields (task headers, input variables, task
 * definition and called decision properties) in the order the properties panel shows them. The element template JSON
 * is generated from this (see the workflows module), so a header the workers read and the template that writes it
 * cannot drift apart.
 *
 * @param templateId the element template id ({@code dev.touchpoint...}); diagrams refer to it
 * @param version the element template version; diagrams refer to it too, so raise it only with a migration of them
 * @param name what the Modeler lists
 * @param description the template's help text (may contain the HTML the Modeler renders)
 * @param keywords the Modeler's search keywords
 * @param elementType the BPMN element the template makes
 * @param taskType the job type the workers subscribe to; empty for a business rule task the engine evaluates itself
 * @param groups the properties panel's groups, in order
 * @param fields the properties, in order (the hidden task type comes first and is not one of them)
 */
public record TaskDeclaration(
        String templateId,
        int version,
        String name,
        String description,
        List<String> keywords,
        ElementType elementType,
        Optional<String> taskType,
        List<Group> groups,
        List<Field> fields) {

    public TaskDeclaration {
        Objects.requireNonNull(templateId, "templateId");
        Objects.requireNonNull(elementType, "elementType");
        keywords = List.copyOf(keywords);
        groups = List.copyOf(groups);
        fields = List.copyOf(fields);
        for (Field field : fields) {
            if (groups.stream().noneMatch(g -> g.id().equals(field.group()))) {
                throw new IllegalArgumentException(templateId + ": field " + field.name() + " is in undeclared group " + field.group());
            }
        }
    }

    /** The BPMN element types a template can make. */
    public enum ElementType {
        SERVICE_TASK("bpmn:ServiceTask"),
        BUSINESS_RULE_TASK("bpmn:BusinessRuleTask");

        private final String bpmn;

        ElementType(String bpmn) {
            this.bpmn = bpmn;
        }

        /** The BPMN type name, e.g. {@code bpmn:ServiceTask}. */
        public String bpmn() {
            return bpmn;
        }
    }

    /** A group of the properties panel. */
    public record Group(String id, String label) {}

    /** The field names this task binds with {@code binding}, in the declared order. */
    public List<String> names(Binding binding) {
        return fields.stream().filter(f -> f.binding() == binding).map(Field::name).toList();
    }

    /** The task headers the template writes. */
    public List<String> headers() {
        return names(Binding.TASK_HEADER);
    }

    /** The input variables the template maps. */
    public List<String> inputs() {
        return names(Binding.INPUT);
    }

    /** The field bound as {@code binding} with this name. */
    public Optional<Field> field(Binding binding, String name) {
        return fields.stream().filter(f -> f.binding() == binding && f.name().equals(name)).findFirst();
    }

    /** Where a field writes its value in the BPMN. */
    public enum Binding {
        /** {@code zeebe:taskHeader}, keyed by the header name. */
        TASK_HEADER("zeebe:taskHeader", "key"),
        /** {@code zeebe:input}, named by the target variable. */
        INPUT("zeebe:input", "name"),
        /** {@code zeebe:taskDefinition}, a property such as {@code retries}. */
        TASK_DEFINITION("zeebe:taskDefinition", "property"),
        /** {@code zeebe:calledDecision}, a property such as {@code decisionId}. */
        CALLED_DECISION("zeebe:calledDecision", "property");

        private final String type;
        private final String nameKey;

        Binding(String type, String nameKey) {
            this.type = type;
            this.nameKey = nameKey;
        }

        /** The binding type of the element template schema. */
        public String type() {
            return type;
        }

        /** The key of the binding object that carries the field's name ({@code key}, {@code name} or {@code property}). */
        public String nameKey() {
            return nameKey;
        }
    }

    /** The editor the properties panel shows for a field. */
    public enum Editor {
        STRING("String"),
        TEXT("Text"),
        DROPDOWN("Dropdown");

        private final String type;

        Editor(String type) {
            this.type = type;
        }

        /** The property type of the element template schema. */
        public String type() {
            return type;
        }
    }

    /** One entry of a dropdown: what the designer reads, and the value written to the BPMN. */
    public record Choice(String name, String value) {}

    /**
     * What the properties panel checks before it accepts a value.
     *
     * @param notEmpty whether an empty value is refused
     * @param pattern a regular expression the whole value must match, or null
     * @param patternMessage what the panel says when it does not
     */
    public record Constraints(boolean notEmpty, String pattern, String patternMessage) {

        /** A value must be given. */
        public static final Constraints REQUIRED = new Constraints(true, null, null);

        public Constraints {
            if ((pattern == null) != (patternMessage == null)) {
                throw new IllegalArgumentException("a pattern needs a message and a message a pattern");
            }
        }
    }

    /**
     * One property of the template: a task header, an input variable or a property of the task definition or the
     * called decision. Declared with {@link #header}, {@link #input}, {@link #taskDefinition} or
     * {@link #calledDecision} and refined with the {@code with...} methods, each returning a copy.
     *
     * @param binding where the value goes
     * @param name the header, variable or property name (also the property's id)
     * @param label the field's label
     * @param group the id of its group
     * @param editor how the designer edits it
     * @param feelRequired whether the value is a FEEL expression (it starts with {@code =})
     * @param value the default value the Modeler writes
     * @param optional whether the Modeler may leave the binding out when the value is empty
     * @param constraints what the panel checks, or null
     * @param description the field's help text, or null
     * @param choices a dropdown's entries (empty for other editors)
     */
    public record Field(
            Binding binding,
            String name,
            String label,
            String group,
            Editor editor,
            boolean feelRequired,
            String value,
            boolean optional,
            Constraints constraints,
            String description,
            List<Choice> choices) {

        public Field {
            Objects.requireNonNull(binding, "binding");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            choices = List.copyOf(choices);
            if ((editor == Editor.DROPDOWN) == choices.isEmpty()) {
                throw new IllegalArgumentException(name + ": a dropdown needs choices, and only a dropdown has them");
            }
        }

        /** A task header edited as a string. */
        public static Field header(String name, String label, String group) {
            return new Field(Binding.TASK_HEADER, name, label, group, Editor.STRING, false, "", false, null, null, List.of());
        }

        /** An input variable mapped from a FEEL expression. */
        public static Field input(String name, String label, String group) {
            return new Field(Binding.INPUT, name, label, group, Editor.STRING, true, "", false, null, null, List.of());
        }

        /** A property of {@code zeebe:taskDefinition}, such as {@code retries}. */
        public static Field taskDefinition(String property, String label, String group) {
            return new Field(Binding.TASK_DEFINITION, property, label, group, Editor.STRING, false, "", false, null, null,
                    List.of());
        }

        /** A property of {@code zeebe:calledDecision}. */
        public static Field calledDecision(String property, String label, String group) {
            return new Field(Binding.CALLED_DECISION, property, label, group, Editor.STRING, false, "", false, null, null,
                    List.of());
        }

        /** This field with a multi-line editor. */
        public Field asText() {
            return new Field(binding, name, label, group, Editor.TEXT, feelRequired, value, optional, constraints, description,
                    choices);
        }

        /** This field as a dropdown of these choices. */
        public Field withChoices(List<Choice> entries) {
            return new Field(binding, name, label, group, Editor.DROPDOWN, feelRequired, value, optional, constraints,
                    description, entries);
        }

        /** This field with this default value. */
        public Field withValue(String defaultValue) {
            return new Field(binding, name, label, group, editor, feelRequired, defaultValue, optional, constraints,
                    description, choices);
        }

        /** This field, which the Modeler may leave out when it is empty. */
        public Field asOptional() {
            return new Field(binding, name, label, group, editor, feelRequired, value, true, constraints, description,
                    choices);
        }

        /** This field with these checks. */
        public Field withConstraints(Constraints checks) {
            return new Field(binding, name, label, group, editor, feelRequired, value, optional, checks, description,
                    choices);
        }

        /** This field with this help text. */
        public Field withDescription(String help) {
            return new Field(binding, name, label, group, editor, feelRequired, value, optional, constraints, help,
                    choices);
        }
    }
}
