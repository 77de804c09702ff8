package dev.touchpoint.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Every {@code @ConfigurationProperties} type of Touchpoint (the application and every channel adapter), filled with
 * a marker in each field whose name says secret (secret, password, token, key, credential), must not print the marker
 * from {@code toString()}: Spring, loggers and failure analyzers print configuration records. A new secret field
 * without masking makes this test fail.
 */
class SecretsInPropertiesTest {

    static final String MARKER = "S3CR3T-MARKER";
    /** Field names that hold a secret; paths and file names of secrets are not secrets. */
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|password|token|apikey|masterkey|credential).*");
    static final Pattern NOT_A_SECRET = Pattern.compile("(?i).*(file|location|path|claim|url|uri|ttl|lifetime|header).*");

    @Test
    void noConfigurationRecordPrintsASecret() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<String> checked = new ArrayList<>();
        List<String> secretFields = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("dev.touchpoint")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            if (!type.isRecord()) {
                continue;
            }
            Object filled = fill(type, type.getSimpleName(), secretFields);
            assertThat(filled.toString()).as(type.getName() + " prints a secret: " + filled).doesNotContain(MARKER);
            checked.add(type.getSimpleName());
        }
        assertThat(checked).as("the scan finds the application's and the adapters' properties")
                .contains("DeliveryProperties", "IngressProperties", "LedgerProperties", "ContextProperties",
                        "SecurityProperties", "SmsChannelProperties", "EmailChannelProperties", "KioskChannelProperties");
        assertThat(secretFields).as("the secret fields the test filled")
                .contains("DeliveryProperties.signingSecret", "Encryption.masterKey", "Source.apiKeys", "Source.hmacSecrets",
                        "Tracking.secret", "Suppression.secret", "User.password", "Twilio.authToken", "Smtp.password",
                        "KioskChannelProperties.secret", "Kiosk.token");
    }

    /** A record of this type with every secret-named field set to the marker and every other field to a plain value. */
    private static Object fill(Class<?> type, String owner, List<String> secretFields) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            boolean secret = SECRET_NAME.matcher(component.getName()).matches() && !NOT_A_SECRET.matcher(component.getName()).matches();
            if (secret) {
                secretFields.add(owner + "." + component.getName());
            }
            values[i] = value(component.getType(), component.getGenericType(), secret, component.getName(), secretFields);
        }
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor.newInstance(values);
    }

    private static Object value(Class<?> type, Type generic, boolean secret, String name, List<String> secretFields) throws Exception {
        if (type == String.class) {
            if (!secret && name.toLowerCase(java.util.Locale.ROOT).matches(".*(url|uri)")) {
                return "https://example.com/plain"; // URL settings are checked when they are bound
            }
            return secret ? MARKER + "-" + name : "plain";
        }
        if (type == boolean.class || type == Boolean.class) {
            return false;
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == double.class || type == Double.class) {
            return 1.0;
        }
        if (type == Duration.class) {
            return Duration.ofSeconds(1);
        }
        if (type == URI.class) {
            return URI.create("https://example.com");
        }
        if (type == Path.class) {
            return Path.of("x");
        }
        if (type == ZoneId.class) {
            return ZoneId.of("UTC");
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == List.class || type == Set.class) {
            Type element = generic instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            Object item = element instanceof Class<?> c ? value(c, c, secret, name, secretFields) : null;
            if (item == null) {
                return type == List.class ? List.of() : Set.of();
            }
            return type == List.class ? List.of(item) : Set.of(item);
        }
        if (type == Map.class) {
            Type valueType = generic instanceof ParameterizedType p ? p.getActualTypeArguments()[1] : Object.class;
            return valueType instanceof Class<?> c && c.isRecord() ? Map.of("k", fill(c, c.getSimpleName(), secretFields)) : Map.of();
        }
        if (type.isRecord()) {
            return fill(type, type.getSimpleName(), secretFields);
        }
        return null;
    }
}
