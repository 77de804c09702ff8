package dev.touchpoint.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSecretsTest {

    @TempDir Path dir;

    @Test
    void missingSecretsAreGeneratedOnceIntoAnOwnerOnlyFolderAndKept() throws Exception {
        Path folder = dir.resolve("cluster").resolve("secrets");
        ClusterSecrets first = ClusterSecrets.load(folder, name -> null);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file()))).isEqualTo("rw-------");
        assertThat(first.environment()).containsOnlyKeys(ClusterSecrets.NAMES);
        assertThat(first.environment().values()).allSatisfy(v -> assertThat(v).hasSizeGreaterThanOrEqualTo(32));
        assertThat(Base64.getDecoder().decode(first.get("TOUCHPOINT_LEDGER_MASTER_KEY"))).hasSize(32);
        assertThat(first.environment().values()).doesNotHaveDuplicates();

        ClusterSecrets again = ClusterSecrets.load(folder, name -> null);
        assertThat(again.environment()).isEqualTo(first.environment());
    }

    @Test
    void aValueFromTheEnvironmentWinsAndIsNotWrittenToTheFile() throws Exception {
        Path folder = dir.resolve("secrets");
        ClusterSecrets secrets = ClusterSecrets.load(folder,
                Map.of("TOUCHPOINT_SIGNING_SECRET", "from-the-environment-0123456789abcdef")::get);

        assertThat(secrets.get("TOUCHPOINT_SIGNING_SECRET")).isEqualTo("from-the-environment-0123456789abcdef");
        assertThat(Files.readString(secrets.file())).doesNotContain("from-the-environment");
        assertThat(secrets.password("admin")).isEqualTo(secrets.get("TOUCHPOINT_ADMIN_PASSWORD"));
        assertThatThrownBy(() -> secrets.get("TOUCHPOINT_NOT_A_SECRET")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFolderOthersCouldOpenIsNarrowed() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("open"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));

        ClusterSecrets.load(folder, name -> null);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    }
}
