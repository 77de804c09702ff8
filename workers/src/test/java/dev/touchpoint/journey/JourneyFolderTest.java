package dev.touchpoint.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JourneyFolderTest {

    @TempDir Path root;

    @Test
    void findsBpmnDmnAndFormsRecursivelyButNotBuildFolders() throws IOException {
        write("welcome.bpmn");
        write("campaigns/winback.BPMN");
        write("decisions/channel.dmn");
        write("forms/consent.form");
        write("element-templates/touchpoint-sms.json");
        write("src/test/resources/broken.bpmn");
        write("target/classes/copy.bpmn");
        write(".hidden/draft.bpmn");
        write("notes.txt");

        assertThat(new JourneyFolder(root).files()).extracting(JourneyFile::resourceName)
                .containsExactly("campaigns/winback.BPMN", "decisions/channel.dmn", "forms/consent.form", "welcome.bpmn");
    }

    @Test
    void aMissingFolderSaysWhereItLookedAndWhatToDo() {
        assertThatThrownBy(() -> new JourneyFolder(root.resolve("nope")).files())
                .isInstanceOf(JourneyDeploymentException.class)
                .hasMessageContaining(root.resolve("nope").toString())
                .hasMessageContaining("touchpoint.journeys.location");
    }

    private void write(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "<content of " + relative + ">");
    }
}
