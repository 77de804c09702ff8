package dev.touchpoint.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonalDataCipherTest {

    @TempDir Path dir;

    @Test
    void sealsAndOpensWithTheSameKeyAndKeyIdOnly() {
        SecretKey key = PersonalDataCipher.newKey();
        String sealed = PersonalDataCipher.seal(key, "k-1", "{\"proof\":\"SM123\"}");
        assertThat(sealed).doesNotContain("SM123");
        assertThat(PersonalDataCipher.seal(key, "k-1", "{\"proof\":\"SM123\"}")).as("random IV").isNotEqualTo(sealed);
        assertThat(PersonalDataCipher.open(key, "k-1", sealed)).isEqualTo("{\"proof\":\"SM123\"}");
        assertThatThrownBy(() -> PersonalDataCipher.open(PersonalDataCipher.newKey(), "k-1", sealed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PersonalDataCipher.open(key, "k-2", sealed)).as("key id is bound in").isInstanceOf(IllegalArgumentException.class);
        byte[] bytes = Base64.getDecoder().decode(sealed);
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> PersonalDataCipher.open(key, "k-1", Base64.getEncoder().encodeToString(bytes)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dataKeysAreWrappedForOneChainAndKeyId() {
        SecretKey master = PersonalDataCipher.newKey();
        SecretKey data = PersonalDataCipher.newKey();
        String wrapped = PersonalDataCipher.wrap(master, data, "k-1", "c-1");
        assertThat(PersonalDataCipher.unwrap(master, wrapped, "k-1", "c-1").getEncoded()).isEqualTo(data.getEncoded());
        assertThatThrownBy(() -> PersonalDataCipher.unwrap(master, wrapped, "k-1", "c-2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PersonalDataCipher.unwrap(PersonalDataCipher.newKey(), wrapped, "k-1", "c-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMasterKeyComesFromConfigurationOrAnOwnerOnlyFileGeneratedOnce() throws Exception {
        Path file = dir.resolve("sub").resolve("ledger-master.key");
        assertThat(MasterKey.resolve(null, file, false)).isEmpty();
        SecretKey generated = MasterKey.resolve("", file, true).orElseThrow();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(MasterKey.resolve(null, file, true).orElseThrow().getEncoded()).isEqualTo(generated.getEncoded());
        String configured = Base64.getEncoder().encodeToString(PersonalDataCipher.newKey().getEncoded());
        assertThat(MasterKey.resolve(configured, file, true).orElseThrow().getEncoded()).isEqualTo(Base64.getDecoder().decode(configured));
        assertThatThrownBy(() -> MasterKey.resolve("dG9vIHNob3J0", file, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes");
    }
}
