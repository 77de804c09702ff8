package dev.touchpoint.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
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
 * The security of every Touchpoint HTTP endpoint (ADR-0016, ADR-0017). Every path has an explicit rule here, by role
 * ({@link #authorize}); a path without one is denied to everyone, and the matrix test
 * ({@code AuthorizationMatrixIT}) fails for an endpoint missing from its table. Controllers refine the rules with
 * {@code @PreAuthorize} (method security is on). Stateless: no session, no cookies; state-changing requests with Basic
 * credentials must show they are not a cross-site form ({@link CrossSiteRequests}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain touchpointSecurityFilterChain(HttpSecurity http, SecurityProperties properties,
                                                      ObjectProvider<JwtAuthenticationConverter> jwtConverter,
                                                      ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new CrossSiteRequests(), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(SecurityConfiguration::authorize);
        if (properties.mode() == SecurityProperties.Mode.OIDC) {
            http.oauth2ResourceServer(server -> server.jwt(jwt -> jwt
                    .decoder(new AudienceCheckingJwtDecoder(jwtDecoder.getObject(), properties.oidc().audience()))
                    .jwtAuthenticationConverter(jwtConverter.getIfAvailable(() -> jwtAuthenticationConverter(properties)))));
        } else {
            http.httpBasic(Customizer.withDefaults());
        }
        return http.build();
    }

    /**
     * The role rule of every path. Public paths are protected otherwise ({@link PublicPaths}); {@code /api/events}
     * has its own chain (source keys). Anything not listed is denied.
     */
    static void authorize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        String admin = Roles.ADMIN;
        requests
                // probes: status only, no details, no engine call (management.endpoint.health.group.*)
                .requestMatchers(HttpMethod.GET, "/actuator/health/liveness", "/actuator/health/readiness").permitAll()
                .requestMatchers("/actuator", "/actuator/**").hasAnyRole(Roles.OPERATOR, admin)
                .requestMatchers(PublicPaths.PATTERNS).permitAll()
                .requestMatchers("/api/customers", "/api/customers/**").hasAnyRole(admin, Roles.MARKETING, Roles.COMPLIANCE)
                .requestMatchers("/api/campaigns", "/api/campaigns/**").hasAnyRole(admin, Roles.MARKETING)
                .requestMatchers(HttpMethod.GET, "/api/surveys/results", "/api/surveys/results.csv").hasAnyRole(admin, Roles.MARKETING)
                .requestMatchers("/api/ledger/**").hasAnyRole(admin, Roles.COMPLIANCE)
                .requestMatchers(HttpMethod.GET, "/api/journeys", "/api/journeys/interrupted").hasAnyRole(admin, Roles.MARKETING, Roles.DESIGNER, Roles.OPERATOR)
                .requestMatchers(HttpMethod.POST, "/api/journeys/**").hasAnyRole(admin, Roles.MARKETING, Roles.DESIGNER)
                .requestMatchers("/api/kiosks", "/api/kiosks/**").hasAnyRole(admin, Roles.OPERATOR)
                // playing a customer's phone (e.g. STOP) changes consent: only roles that may change consent
                .requestMatchers(HttpMethod.POST, "/api/sandbox/sms/inbound").hasAnyRole(admin, Roles.MARKETING, Roles.COMPLIANCE)
                .requestMatchers(HttpMethod.GET, "/api/sandbox/**").hasAnyRole(admin, Roles.MARKETING, Roles.DESIGNER, Roles.OPERATOR)
                .requestMatchers(HttpMethod.DELETE, "/api/sandbox/**").hasAnyRole(admin, Roles.MARKETING, Roles.DESIGNER, Roles.OPERATOR)
                .anyRequest().denyAll();
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
            return fromClaims(jwt.getClaims());
        }

        /** The Touchpoint roles in a set of claims (a JWT's, or an OIDC user's ID token and user info). */
        List<GrantedAuthority> fromClaims(Map<String, Object> claims) {
            Object value = claims;
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
