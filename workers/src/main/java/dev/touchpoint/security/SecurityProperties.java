package dev.touchpoint.security;

import dev.touchpoint.channel.Masked;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * {@code touchpoint.security.*}.
 *
 * @param mode            BASIC (users from configuration, the embedded default) or OIDC (JWT bearer tokens from an
 *                        identity provider, the cluster profile; issuer in
 *                        {@code spring.security.oauth2.resourceserver.jwt.issuer-uri})
 * @param credentialsFile where generated passwords are written (mode 600); {@code ${touchpoint.home}/.touchpoint/credentials}
 * @param users           BASIC users; when none are configured, one user per role named after it (admin, marketing, ...)
 * @param oidc            how roles are read from the token and which audience it must have
 */
@ConfigurationProperties("touchpoint.security")
public record SecurityProperties(
        @DefaultValue("basic") Mode mode,
        String credentialsFile,
        List<User> users,
        @DefaultValue Oidc oidc) {

    public enum Mode { BASIC, OIDC }

    /**
     * A BASIC user. The password is, in order: this value (plain, or encoded as {@code {bcrypt}...}), the environment
     * variable {@code TOUCHPOINT_<NAME>_PASSWORD}, the credentials file, or generated and written to the credentials file.
     */
    public record User(String name, String password, List<String> roles) {

        @Override
        public String toString() {
            return "User[name=" + name + ", password=" + Masked.secret(password) + ", roles=" + roles + "]";
        }
    }

    /**
     * @param rolesClaim the claim holding the roles; a dotted path reaches into objects ({@code realm_access.roles} for
     *                   Keycloak); values are matched case-insensitively against {@link Roles}
     * @param principalClaim the claim naming the user (in logs and consent proofs)
     * @param audience       the {@code aud} every token must name; a token for another application is refused (401)
     * @param login          how people sign in to the web console (ADR-0024)
     */
    public record Oidc(@DefaultValue("roles") String rolesClaim, @DefaultValue("sub") String principalClaim,
                       @DefaultValue("touchpoint") String audience, @DefaultValue Login login) {
    }

    /**
     * The web console's OIDC login (authorization code flow). Without a client id the console has no OIDC login of its
     * own (a registration under {@code spring.security.oauth2.client.registration.*} is used when there is one).
     *
     * @param clientId     the console's client at the identity provider ({@code TOUCHPOINT_OIDC_CLIENT_ID})
     * @param clientSecret its secret ({@code TOUCHPOINT_OIDC_CLIENT_SECRET})
     * @param issuerUri    the identity provider; empty: the resource server's
     *                     {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
     * @param scopes       the scopes asked for; the roles claim must be in the ID token or the user info
     */
    public record Login(String clientId, String clientSecret, String issuerUri,
                        @DefaultValue({"openid", "profile"}) List<String> scopes) {

        public Login {
            scopes = scopes == null ? List.of("openid", "profile") : List.copyOf(scopes);
        }

        public boolean configured() {
            return clientId != null && !clientId.isBlank();
        }

        @Override
        public String toString() {
            return "Login[clientId=" + clientId + ", clientSecret=" + Masked.secret(clientSecret) + ", issuerUri=" + issuerUri
                    + ", scopes=" + scopes + "]";
        }
    }
}
