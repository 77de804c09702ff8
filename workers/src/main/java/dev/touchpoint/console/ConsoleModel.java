package dev.touchpoint.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import dev.touchpoint.security.Roles;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page shows around its content: the signed-in user, their roles and the pages those roles may
 * open (the navigation hides the others; {@code ConsoleSecurityConfiguration} enforces them).
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    /** The pages of the console and the roles that may open them (the same as the security rules). */
    static final Map<String, Set<String>> PAGES = new LinkedHashMap<>();

    static {
        PAGES.put("journeys", Set.of(Roles.ADMIN, Roles.MARKETING, Roles.DESIGNER, Roles.OPERATOR));
        PAGES.put("campaigns", Set.of(Roles.ADMIN, Roles.MARKETING));
        PAGES.put("surveys", Set.of(Roles.ADMIN, Roles.MARKETING));
        PAGES.put("customers", Set.of(Roles.ADMIN, Roles.COMPLIANCE));
        PAGES.put("templates", Set.of(Roles.ADMIN, Roles.MARKETING, Roles.DESIGNER));
        PAGES.put("operations", Set.of(Roles.ADMIN, Roles.OPERATOR));
    }

    @ModelAttribute("user")
    String user(Authentication authentication) {
        return authentication == null ? null : authentication.getName();
    }

    @ModelAttribute("roles")
    Set<String> roles(Authentication authentication) {
        return roleNames(authentication);
    }

    /** Page name to whether the user may open it. */
    @ModelAttribute("can")
    Map<String, Boolean> can(Authentication authentication) {
        Set<String> roles = roleNames(authentication);
        Map<String, Boolean> can = new LinkedHashMap<>();
        PAGES.forEach((page, allowed) -> can.put(page, allowed.stream().anyMatch(roles::contains)));
        can.put("retry", roles.contains(Roles.ADMIN) || roles.contains(Roles.OPERATOR));
        return can;
    }

    @ModelAttribute("assets")
    Map<String, String> assets() {
        return Map.of("htmx", ConsoleWebConfiguration.HTMX, "uplotJs", ConsoleWebConfiguration.UPLOT_JS,
                "uplotCss", ConsoleWebConfiguration.UPLOT_CSS);
    }

    /** The same attributes, for pages rendered where {@code @ModelAttribute} methods do not run (exception handlers). */
    Map<String, Object> attributes(Authentication authentication) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("user", user(authentication));
        attributes.put("roles", roles(authentication));
        attributes.put("can", can(authentication));
        attributes.put("assets", assets());
        return attributes;
    }

    static Set<String> roleNames(Authentication authentication) {
        Set<String> roles = new LinkedHashSet<>();
        if (authentication != null) {
            for (GrantedAuthority authority : authentication.getAuthorities()) {
                String name = authority.getAuthority();
                if (name != null && name.startsWith("ROLE_")) {
                    roles.add(name.substring("ROLE_".length()));
                }
            }
        }
        return roles;
    }
}
