package dev.touchpoint.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The folders of secrets and personal data are the owner's alone, new or (too open) existing. */
class PrivateDataDirectoriesTest {

    @Test
    void theTouchpointFolderTheDatabaseFolderAndTheCredentialsFolderAreOwnerOnly(@TempDir Path home) throws Exception {
        Path open = Files.createDirectories(home.resolve(".touchpoint"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(open.resolve("credentials"), "admin=secret"); // created with the umask: world-readable
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "touchpoint.home", home.toString(),
                "spring.datasource.url", "jdbc:h2:file:" + home.resolve("db/data") + "/touchpoint;DB_CLOSE_ON_EXIT=FALSE",
                "touchpoint.security.credentials-file", home.resolve("secrets/credentials").toString())));

        new PrivateDataDirectories(new DeferredLogs()).postProcessEnvironment(environment, null);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(open))).isEqualTo("rwx------");
        // a folder outside .touchpoint is narrowed when it exists, never created (a tool pointed at a database that is
        // not there must not create one)
        assertThat(home.resolve("db/data")).doesNotExist();
        assertThat(home.resolve("secrets")).doesNotExist();
        Files.createDirectories(home.resolve("secrets"));
        Files.setPosixFilePermissions(home.resolve("secrets"), PosixFilePermissions.fromString("rwxr-x---"));
        new PrivateDataDirectories(new DeferredLogs()).postProcessEnvironment(environment, null);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("secrets")))).isEqualTo("rwx------");
    }

    @Test
    void theDefaultDataFolderInsideDotTouchpointIsCreatedOwnerOnly(@TempDir Path home) throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "touchpoint.home", home.toString(),
                "spring.datasource.url", "jdbc:h2:file:" + home.resolve(".touchpoint/data") + "/touchpoint;DB_CLOSE_ON_EXIT=FALSE")));
        new PrivateDataDirectories(new DeferredLogs()).postProcessEnvironment(environment, null);
        for (Path folder : new Path[]{home.resolve(".touchpoint"), home.resolve(".touchpoint/data")}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).as(folder.toString()).isEqualTo("rwx------");
        }
    }
}
