package dev.touchpoint.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoint.tasks.TaskDeclaration.Binding;
import dev.touchpoint.tasks.TaskDeclaration.Choice;
import dev.touchpoint.tasks.TaskDeclaration.Field;
import dev.touchpoint.tasks.TaskNames.Headers;
import dev.touchpoint.tasks.TaskNames.Types;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskCatalogTest {

    private final List<TaskDeclaration> declarations =
            TaskCatalog.entries().stream().map(TaskCatalog.Entry::declaration).toList();

    @Test
    void everyTaskTypeIsDeclaredOnceAndEveryTemplateHasItsOwnIdAndFile() throws IllegalAccessException {
        List<String> types = new ArrayList<>();
        for (java.lang.reflect.Field constant : Types.class.getFields()) {
            if (Modifier.isStatic(constant.getModifiers()) && constant.getType() == String.class) {
                types.add((String) constant.get(null));
            }
        }
        assertThat(declarations.stream().flatMap(d -> d.taskType().stream()))
                .containsExactlyInAnyOrderElementsOf(types);
        assertThat(declarations).extracting(TaskDeclaration::templateId).doesNotHaveDuplicates();
        assertThat(TaskCatalog.entries()).extracting(TaskCatalog.Entry::file).doesNotHaveDuplicates();
        assertThat(TaskCatalog.byTaskType(Types.SMS_SEND)).map(TaskDeclaration::templateId).hasValue("dev.touchpoint.sms.send");
        assertThat(TaskCatalog.byTaskType("touchpoint.fax.send")).isEmpty();
    }

    @Test
    void noTaskBindsTheSameNameTwice() {
        for (TaskDeclaration declaration : declarations) {
            for (Binding binding : Binding.values()) {
                assertThat(declaration.names(binding)).as("%s %s", declaration.templateId(), binding).doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void touchpointTasksWriteTheTouchpointHeaders() {
        for (String type : Types.TOUCHPOINT_TYPES) {
            TaskDeclaration declaration = TaskCatalog.byTaskType(type).orElseThrow();
            Set<String> expected = new HashSet<>(Headers.TOUCHPOINT_HEADERS);
            if (!type.equals(Types.BEST_CHANNEL_SEND)) {
                expected.remove(Headers.CHANNELS);
            }
            assertThat(declaration.headers()).as(type).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(declaration.field(Binding.TASK_HEADER, Headers.TEMPLATE_ID)).map(Field::optional).hasValue(false);
        }
    }

    @Test
    void dropdownDefaultsAreAmongTheirChoices() {
        for (TaskDeclaration declaration : declarations) {
            for (Field field : declaration.fields()) {
                if (!field.choices().isEmpty()) {
                    assertThat(field.choices()).extracting(Choice::value).as("%s %s", declaration.templateId(), field.name())
                            .contains(field.value());
                }
            }
        }
    }

    @Test
    void aFieldInAnUndeclaredGroupOrADropdownWithoutChoicesIsRefused() {
        Field inNowhere = Field.header("queue", "Queue", "nowhere");
        assertThatThrownBy(() -> new TaskDeclaration("dev.touchpoint.x", 1, "X", "x", List.of(),
                TaskDeclaration.ElementType.SERVICE_TASK, Optional.of("x"), List.of(), List.of(inNowhere)))
                .hasMessageContaining("undeclared group nowhere");
        assertThatThrownBy(() -> Field.header("queue", "Queue", "task").withChoices(List.of()))
                .hasMessageContaining("a dropdown needs choices");
    }
}
