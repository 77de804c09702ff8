package dev.touchpoint.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import dev.touchpoint.security.ConsoleClientRegistrations;
import dev.touchpoint.security.SecurityProperties;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** {@code /} (to the console), the overview, the sign-in page and the page a refused request shows. */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Controller
class HomeController {

    private final ObjectProvider<ConsoleClientRegistrations> oidc;
    private final SecurityProperties security;

    HomeController(ObjectProvider<ConsoleClientRegistrations> oidc, SecurityProperties security) {
        this.oidc = oidc;
        this.security = security;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    @GetMapping("/console")
    String overview() {
        return "console/overview";
    }

    /** The sign-in form (embedded default) or the link to the identity provider (OIDC login). */
    @GetMapping("/console/login")
    String login(Model model) {
        ConsoleClientRegistrations registrations = oidc.getIfAvailable();
        model.addAttribute("oidc", registrations != null);
        // OIDC mode without the console's client: no form (there are no passwords), but say how to configure one
        model.addAttribute("form", security.mode() == SecurityProperties.Mode.BASIC);
        if (registrations != null) {
            model.addAttribute("oidcStart", "/console/oauth2/authorization/" + ConsoleClientRegistrations.ID);
            model.addAttribute("oidcProblem", registrations.problem());
        }
        return "console/login";
    }

    /** Where a request the user's roles do not allow is sent (status 403). */
    @RequestMapping("/console/denied")
    String denied(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "console/denied";
    }
}
