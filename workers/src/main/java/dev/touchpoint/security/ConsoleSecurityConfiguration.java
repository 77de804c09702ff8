package dev.touchpoint.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * The web console's security (ADR-0024), a chain of its own beside the stateless API chain
 * ({@link SecurityConfiguration}): it serves {@code /}, {@code /console} and {@code /console/**} only. People sign in
 * with a form against the same users as the API's Basic authentication (embedded default) or with the identity
 * provider (OIDC authorization code flow, cluster profile); the session lives in a cookie ({@code TOUCHPOINT_SESSION},
 * HttpOnly, SameSite=Lax), every state-changing request needs Spring Security's CSRF token, and every page and action
 * has an explicit role rule ({@link #authorize}) that mirrors the API it stands for; anything else is denied. A bearer
 * token or Basic credentials open nothing here, and the session cookie opens nothing under {@code /api} (that chain
 * never reads a session).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ConsoleSecurityConfiguration {

    public static final String LOGIN = "/console/login";
    public static final String LOGOUT = "/console/logout";
    public static final String DENIED = "/console/denied";
    /** Where an OIDC sign-in starts: {@code /console/oauth2/authorization/{registrationId}}. */
    public static final String AUTHORIZATION = "/console/oauth2/authorization";
    /** Where the identity provider sends the browser back. */
    public static final String REDIRECTION = "/console/login/oauth2/code/*";

    /**
     * Scripts only from the console itself (no inline script, no CDN), styles from the console and inline (diagram
     * and chart libraries set them), images from the console and data URIs, frames (template previews) from the
     * console only, and the console framed only by itself.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; "
            + "object-src 'none'; base-uri 'none'";

    @Bean
    @Order(20)
    SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http, SecurityProperties properties,
                                                   ObjectProvider<ClientRegistrationRepository> registrations,
                                                   ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        http.securityMatcher("/", "/console", "/console/**")
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY + formAction(properties, registrations))))
                .authorizeHttpRequests(ConsoleSecurityConfiguration::authorize)
                .exceptionHandling(errors -> errors.accessDeniedPage(DENIED).authenticationEntryPoint(entryPoint()))
                .logout(logout -> logout.logoutUrl(LOGOUT).logoutSuccessUrl(LOGIN + "?logout"));
        ClientRegistrationRepository oidc = properties.mode() == SecurityProperties.Mode.OIDC ? registrations.getIfAvailable() : null;
        if (properties.mode() == SecurityProperties.Mode.BASIC) {
            http.formLogin(form -> form.loginPage(LOGIN).loginProcessingUrl(LOGIN).defaultSuccessUrl("/console", false)
                    .failureUrl(LOGIN + "?error"));
        } else if (oidc != null) {
            OidcClientInitiatedLogoutSuccessHandler logoutAtProvider = new OidcClientInitiatedLogoutSuccessHandler(oidc);
            logoutAtProvider.setPostLogoutRedirectUri("{baseUrl}" + LOGIN + "?logout");
            http.oauth2Login(login -> login.loginPage(LOGIN)
                            .authorizationEndpoint(endpoint -> endpoint.baseUri(AUTHORIZATION))
                            .redirectionEndpoint(endpoint -> endpoint.baseUri(REDIRECTION))
                            .userInfoEndpoint(users -> users.oidcUserService(oidcUsers(properties, jwtDecoder.getIfAvailable())))
                            .defaultSuccessUrl("/console", false)
                            .failureUrl(LOGIN + "?error"))
                    .logout(logout -> logout.logoutSuccessHandler(logoutAtProvider));
        }
        return http.build();
    }

    /**
     * The role rule of every console page and action, the same as the API each stands for (ADR-0016): journeys as
     * {@code GET /api/journeys} (retrying an incident: operators), campaigns as {@code /api/campaigns}, a customer's
     * timeline, export and erasure as {@code /api/ledger}, operations as {@code /actuator} and {@code /api/kiosks};
     * templates for the roles that write or send them. Anything else under {@code /console} is denied.
     */
    static void authorize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        String admin = Roles.ADMIN;
        requests
                // the forward to the access-denied page and error dispatches render what was already decided
                .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll()
                .requestMatchers(HttpMethod.GET, "/console/assets/**", "/console/webjars/**").permitAll()
                .requestMatchers(LOGIN, DENIED).permitAll()
                // the overview: every signed-in user (it shows only what their roles may open)
                .requestMatchers(HttpMethod.GET, "/", "/console").authenticated()
                .requestMatchers(HttpMethod.POST, "/console/journeys/incidents/*/retry").hasAnyRole(admin, Roles.OPERATOR)
                .requestMatchers(HttpMethod.GET, "/console/journeys", "/console/journeys/**")
                .hasAnyRole(admin, Roles.MARKETING, Roles.DESIGNER, Roles.OPERATOR)
                .requestMatchers("/console/campaigns", "/console/campaigns/**").hasAnyRole(admin, Roles.MARKETING)
                .requestMatchers(HttpMethod.GET, "/console/surveys", "/console/surveys/**").hasAnyRole(admin, Roles.MARKETING)
                .requestMatchers("/console/customers", "/console/customers/**").hasAnyRole(admin, Roles.COMPLIANCE)
                .requestMatchers(HttpMethod.GET, "/console/templates", "/console/templates/**")
                .hasAnyRole(admin, Roles.MARKETING, Roles.DESIGNER)
                .requestMatchers(HttpMethod.GET, "/console/operations", "/console/operations/**").hasAnyRole(admin, Roles.OPERATOR)
                .anyRequest().denyAll();
    }

    /** Pages go to the login page; a partial update (htmx) of a page whose session ended is told to load it instead. */
    static AuthenticationEntryPoint entryPoint() {
        LoginUrlAuthenticationEntryPoint page = new LoginUrlAuthenticationEntryPoint(LOGIN);
        return (request, response, exception) -> {
            if ("true".equals(request.getHeader("HX-Request"))) {
                response.setHeader("HX-Redirect", request.getContextPath() + LOGIN);
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                page.commence(request, response, exception);
            }
        };
    }

    /**
     * Forms post to the console only; under OIDC, signing out ends at the identity provider (a redirect after the form),
     * so its origin is allowed too.
     */
    private static String formAction(SecurityProperties properties, ObjectProvider<ClientRegistrationRepository> registrations) {
        if (properties.mode() != SecurityProperties.Mode.OIDC) {
            return "; form-action 'self'";
        }
        if (registrations.getIfAvailable() instanceof ConsoleClientRegistrations console) {
            URI issuer = URI.create(console.issuer());
            return "; form-action 'self' " + issuer.getScheme() + "://" + issuer.getAuthority();
        }
        return "";
    }

    /**
     * The signed-in user's roles: from the configured roles claim of the ID token and user info, and from the access
     * token when it is a JWT the API itself would accept (issuer, signature, Touchpoint's audience), so a user has the
     * same roles in the console as with a token on the API. The name comes from the principal claim (else {@code sub}).
     */
    static OAuth2UserService<OidcUserRequest, OidcUser> oidcUsers(SecurityProperties properties, JwtDecoder apiDecoder) {
        OidcUserService delegate = new OidcUserService();
        SecurityConfiguration.ClaimRoles roles = new SecurityConfiguration.ClaimRoles(properties.oidc().rolesClaim());
        JwtDecoder decoder = apiDecoder == null ? null : new AudienceCheckingJwtDecoder(apiDecoder, properties.oidc().audience());
        return request -> {
            OidcUser user = delegate.loadUser(request);
            Set<GrantedAuthority> authorities = new LinkedHashSet<>(roles.fromClaims(user.getClaims()));
            if (decoder != null) {
                try {
                    authorities.addAll(roles.fromClaims(decoder.decode(request.getAccessToken().getTokenValue()).getClaims()));
                } catch (JwtException notForTheApi) {
                    // an opaque access token, or one for another audience: the ID token's roles alone
                }
            }
            List<GrantedAuthority> granted = new ArrayList<>(authorities);
            granted.add(new SimpleGrantedAuthority("OIDC_USER"));
            String name = user.getClaims().containsKey(properties.oidc().principalClaim()) ? properties.oidc().principalClaim() : "sub";
            return new DefaultOidcUser(granted, user.getIdToken(), user.getUserInfo(), name);
        };
    }

    /** The console's own client registration when {@code touchpoint.security.oidc.login.client-id} is set. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class ConsoleOidcLogin {

        @Bean
        @org.springframework.boot.autoconfigure.condition.ConditionalOnExpression(
                "'${touchpoint.security.mode:basic}'.equalsIgnoreCase('oidc') and '${touchpoint.security.oidc.login.client-id:}' != ''")
        ConsoleClientRegistrations consoleClientRegistrations(SecurityProperties properties,
                                                              @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String apiIssuer) {
            SecurityProperties.Login login = properties.oidc().login();
            String issuer = login.issuerUri() == null || login.issuerUri().isBlank() ? apiIssuer : login.issuerUri();
            return new ConsoleClientRegistrations(login, issuer, properties.oidc().principalClaim());
        }
    }
}
