package dev.touchpoint.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BasicUsersTest {

    final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void generatesMissingPasswordsIntoAnOwnerOnlyFileAndReusesThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(".touchpoint/credentials");
        SecurityProperties properties = new SecurityProperties(SecurityProperties.Mode.BASIC, file.toString(), null, null);

        List<UserDetails> users = BasicUsers.resolve(properties, name -> null, encoder);

        assertThat(users).extracting(UserDetails::getUsername).containsExactly("admin", "marketing", "compliance", "designer", "operator");
        assertThat(users.getFirst().getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_ADMIN");
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        Properties stored = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            stored.load(reader);
        }
        String admin = stored.getProperty("admin");
        assertThat(admin).hasSizeGreaterThanOrEqualTo(32);
        assertThat(encoder.matches(admin, users.getFirst().getPassword())).isTrue();

        List<UserDetails> again = BasicUsers.resolve(properties, name -> null, encoder);
        assertThat(encoder.matches(admin, again.getFirst().getPassword())).as("the same password after a restart").isTrue();
    }

    @Test
    void configuredAndEnvironmentPasswordsWinAndAreNotWritten(@TempDir Path dir) {
        Path file = dir.resolve("credentials");
        SecurityProperties properties = new SecurityProperties(SecurityProperties.Mode.BASIC, file.toString(), List.of(
                new SecurityProperties.User("admin", null, List.of("ADMIN")),
                new SecurityProperties.User("ops", "{noop}configured", List.of("operator", "designer"))), null);
        Map<String, String> env = Map.of("TOUCHPOINT_ADMIN_PASSWORD", "from-env");

        List<UserDetails> users = BasicUsers.resolve(properties, env::get, encoder);

        assertThat(encoder.matches("from-env", users.get(0).getPassword())).isTrue();
        assertThat(encoder.matches("configured", users.get(1).getPassword())).isTrue();
        assertThat(users.get(1).getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactlyInAnyOrder("ROLE_OPERATOR", "ROLE_DESIGNER");
        assertThat(file).doesNotExist();
    }

    @Test
    void unknownRolesAreRefused(@TempDir Path dir) {
        SecurityProperties properties = new SecurityProperties(SecurityProperties.Mode.BASIC, dir.resolve("c").toString(),
                List.of(new SecurityProperties.User("x", "{noop}x", List.of("SUPERUSER"))), null);
        assertThatThrownBy(() -> BasicUsers.resolve(properties, name -> null, encoder)).hasMessageContaining("unknown role SUPERUSER");
    }
}
