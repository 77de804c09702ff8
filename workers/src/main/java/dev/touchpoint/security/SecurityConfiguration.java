package dev.touchpoint.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The security of every Touchpoint HTTP endpoint. Public: {@link PublicPaths}. Everything else needs an authenticated
 * user; each API states the roles it needs with {@code @PreAuthorize} (method security is on). Stateless (no session,
 * no CSRF token: the APIs take credentials on every request, never cookies).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain touchpointSecurityFilterChain(HttpSecurity http, SecurityProperties properties,
                                                      org.springframework.beans.factory.ObjectProvider<JwtAuthenticationConverter> jwtConverter) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PublicPaths.PATTERNS).permitAll()
                        .anyRequest().authenticated());
        if (properties.mode() == SecurityProperties.Mode.OIDC) {
            http.oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(
                    jwtConverter.getIfAvailable(() -> jwtAuthenticationConverter(properties)))));
        } else {
            http.httpBasic(Customizer.withDefaults());
        }
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @ConditionalOnProperty(name = "touchpoint.security.mode", havingValue = "basic", matchIfMissing = true)
    UserDetailsService touchpointUsers(SecurityProperties properties, PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(BasicUsers.resolve(properties, System::getenv, encoder));
    }

    /** Roles from the configured claim of the JWT, as {@code ROLE_<NAME>} authorities; the user name from the principal claim. */
    static JwtAuthenticationConverter jwtAuthenticationConverter(SecurityProperties properties) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new ClaimRoles(properties.oidc().rolesClaim()));
        converter.setPrincipalClaimName(properties.oidc().principalClaim());
        return converter;
    }

    /** Reads role names from a (dotted-path) claim holding a list or a space/comma separated string. */
    static final class ClaimRoles implements Converter<Jwt, Collection<GrantedAuthority>> {

        private final String[] path;

        ClaimRoles(String claim) {
            this.path = claim.split("\\.");
        }

        @Override
        public Collection<GrantedAuthority> convert(Jwt jwt) {
            Object value = jwt.getClaims();
            for (String part : path) {
                value = value instanceof Map<?, ?> map ? map.get(part) : null;
            }
            List<String> names = new ArrayList<>();
            if (value instanceof Collection<?> collection) {
                collection.forEach(item -> names.add(String.valueOf(item)));
            } else if (value instanceof String text) {
                names.addAll(List.of(text.split("[\\s,]+")));
            }
            List<GrantedAuthority> authorities = new ArrayList<>();
            for (String name : names) {
                String role = name.trim().toUpperCase(Locale.ROOT);
                if (role.startsWith("ROLE_")) {
                    role = role.substring(5);
                }
                if (Roles.ALL.contains(role)) {
                    authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
                }
            }
            return authorities;
        }
    }
}
