package dev.touchpoint.security;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The web console's client at the identity provider ({@code touchpoint.security.oidc.login.*}, ADR-0024), with the
 * provider's endpoints discovered from its issuer ({@code /.well-known/openid-configuration}) at the first sign-in,
 * not at start-up: the APIs and the engine work while the identity provider is away, and the console's login page
 * says why signing in does not. A failed discovery is tried again at the next sign-in.
 */
public final class ConsoleClientRegistrations implements ClientRegistrationRepository, Iterable<ClientRegistration> {

    /** The registration id: {@code /console/oauth2/authorization/touchpoint}. */
    public static final String ID = "touchpoint";

    private static final Logger log = LoggerFactory.getLogger(ConsoleClientRegistrations.class);

    private final SecurityProperties.Login login;
    private final String issuer;
    private final String principalClaim;
    private final AtomicReference<ClientRegistration> registration = new AtomicReference<>();
    private volatile String problem;

    public ConsoleClientRegistrations(SecurityProperties.Login login, String issuer, String principalClaim) {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalStateException("touchpoint.security.oidc.login.client-id is set, but no issuer: set "
                    + "touchpoint.security.oidc.login.issuer-uri or spring.security.oauth2.resourceserver.jwt.issuer-uri "
                    + "(TOUCHPOINT_OIDC_ISSUER_URI)");
        }
        this.login = login;
        this.issuer = issuer.strip();
        this.principalClaim = principalClaim;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return ID.equals(registrationId) ? resolve() : null;
    }

    @Override
    public Iterator<ClientRegistration> iterator() {
        ClientRegistration found = resolve();
        return (found == null ? List.<ClientRegistration>of() : List.of(found)).iterator();
    }

    /** The issuer the console signs in with. */
    public String issuer() {
        return issuer;
    }

    /** Why the identity provider could not be used at the last attempt, or null. */
    public String problem() {
        return problem;
    }

    private ClientRegistration resolve() {
        ClientRegistration known = registration.get();
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (registration.get() != null) {
                return registration.get();
            }
            try {
                ClientRegistration.Builder builder = ClientRegistrations.fromIssuerLocation(issuer)
                        .registrationId(ID)
                        .clientId(login.clientId())
                        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                        .redirectUri("{baseUrl}/console/login/oauth2/code/{registrationId}")
                        .scope(login.scopes())
                        .userNameAttributeName(principalClaim)
                        .clientName("Touchpoint console");
                if (login.clientSecret() == null || login.clientSecret().isBlank()) {
                    builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
                } else {
                    builder.clientSecret(login.clientSecret()).clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
                }
                ClientRegistration built = builder.build();
                registration.set(built);
                problem = null;
                log.info("Console sign-in: identity provider {} found (client {})", issuer, login.clientId());
                return built;
            } catch (RuntimeException e) {
                problem = "The identity provider " + issuer + " could not be reached or described itself unusably: " + e.getMessage();
                log.warn("Console sign-in: {}", problem);
                return null;
            }
        }
    }
}
