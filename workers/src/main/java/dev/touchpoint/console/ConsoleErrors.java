package dev.touchpoint.console;

import dev.touchpoint.campaign.Campaigns;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.server.ResponseStatusException;

/** A console request that cannot be served gets a page saying why, with the status that says it too. */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
class ConsoleErrors {

    private final ConsoleModel common;

    ConsoleErrors(ConsoleModel common) {
        this.common = common;
    }

    @ExceptionHandler(ResponseStatusException.class)
    String status(ResponseStatusException e, HttpServletResponse response, Model model) {
        return page(e.getStatusCode().value(), e.getReason(), response, model);
    }

    @ExceptionHandler(Campaigns.NoSuchCampaignException.class)
    String noCampaign(RuntimeException e, HttpServletResponse response, Model model) {
        return page(HttpStatus.NOT_FOUND.value(), e.getMessage(), response, model);
    }

    @ExceptionHandler({IllegalArgumentException.class, IllegalStateException.class, MultipartException.class,
            MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    String badRequest(Exception e, HttpServletResponse response, Model model) {
        return page(HttpStatus.BAD_REQUEST.value(), e.getMessage(), response, model);
    }

    private String page(int status, String reason, HttpServletResponse response, Model model) {
        response.setStatus(status);
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        model.addAllAttributes(common.attributes(user instanceof AnonymousAuthenticationToken ? null : user));
        model.addAttribute("status", status);
        model.addAttribute("reason", reason);
        return "console/error";
    }
}
