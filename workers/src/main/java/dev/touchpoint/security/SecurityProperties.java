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
     */
    public record Oidc(@DefaultValue("roles") String rolesClaim, @DefaultValue("sub") String principalClaim,
                       @DefaultValue("touchpoint") String audience) {
    }
}
