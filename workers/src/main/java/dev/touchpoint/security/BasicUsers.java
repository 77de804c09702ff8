package dev.touchpoint.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Resolves the passwords of the BASIC users: configured, from the environment, from the credentials file, or
 * generated (24 random bytes) and written to the credentials file with owner-only permissions. Passwords are never
 * logged; the log names the file only.
 */
final class BasicUsers {

    private static final Logger log = LoggerFactory.getLogger(BasicUsers.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private BasicUsers() {
    }

    static List<SecurityProperties.User> effectiveUsers(SecurityProperties properties) {
        if (properties.users() != null && !properties.users().isEmpty()) {
            return properties.users();
        }
        return Roles.ALL.stream().map(role -> new SecurityProperties.User(role.toLowerCase(Locale.ROOT), null, List.of(role))).toList();
    }

    static List<UserDetails> resolve(SecurityProperties properties, Function<String, String> environment, PasswordEncoder encoder) {
        Path file = properties.credentialsFile() == null || properties.credentialsFile().isBlank()
                ? Path.of(".touchpoint", "credentials") : Path.of(properties.credentialsFile());
        Map<String, String> stored = read(file);
        Map<String, String> generated = new TreeMap<>();
        List<UserDetails> users = new ArrayList<>();
        for (SecurityProperties.User user : effectiveUsers(properties)) {
            if (user.name() == null || user.name().isBlank()) {
                throw new IllegalStateException("touchpoint.security.users: every user needs a name");
            }
            String name = user.name().trim();
            String password = blankToNull(user.password());
            if (password == null) {
                password = blankToNull(environment.apply("TOUCHPOINT_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_PASSWORD"));
            }
            if (password == null) {
                password = stored.get(name);
            }
            if (password == null) {
                byte[] bytes = new byte[24];
                RANDOM.nextBytes(bytes);
                password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                generated.put(name, password);
            }
            String encoded = password.startsWith("{") ? password : encoder.encode(password);
            List<String> roles = user.roles() == null ? List.of() : user.roles().stream().map(r -> r.trim().toUpperCase(Locale.ROOT)).toList();
            for (String role : roles) {
                if (!Roles.ALL.contains(role)) {
                    throw new IllegalStateException("touchpoint.security.users: user " + name + " has unknown role " + role + " (known: " + Roles.ALL + ")");
                }
            }
            users.add(User.withUsername(name).password(encoded).roles(roles.toArray(String[]::new)).build());
        }
        if (!generated.isEmpty()) {
            Map<String, String> all = new TreeMap<>(stored);
            all.putAll(generated);
            write(file, all);
            log.info("Generated passwords for user(s) {} written to {} (readable by the owner only)", generated.keySet(), file.toAbsolutePath());
        }
        return users;
    }

    private static Map<String, String> read(Path file) {
        Map<String, String> values = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    private static void write(Path file, Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        java.io.StringWriter text = new java.io.StringWriter();
        try {
            properties.store(text, "Touchpoint users (generated; keep private). Set TOUCHPOINT_<USER>_PASSWORD to choose your own.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrivateFiles.write(file, text.toString());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
