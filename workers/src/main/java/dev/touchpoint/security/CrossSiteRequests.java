package dev.touchpoint.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cross-site request forgery protection for HTTP Basic (ADR-0017). A browser that once logged in with Basic replays
 * the cached credentials on any request to Touchpoint, including a form that another site posts. Such a request can
 * only be a "simple" one (CORS): a state-changing method with no content type or a form / text content type, and no
 * custom header; anything else makes the browser ask first (a preflight), which Touchpoint never allows. So a
 * state-changing request (not GET, HEAD, OPTIONS, TRACE) that carries Basic credentials is refused with 403 unless it
 * has the header {@value #HEADER} (any value) or a content type a form cannot send ({@code application/json},
 * {@code text/csv}, ...). Bearer tokens are never replayed by a browser and need neither.
 */
public final class CrossSiteRequests extends OncePerRequestFilter {

    /** The header that marks a request as sent by a program (the CLI, scripts), never by a cross-site form. */
    public static final String HEADER = "X-Requested-By";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> SIMPLE_TYPES = Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (mayBeForged(request)) {
            Problems.write(request, response, HttpStatus.FORBIDDEN, "A state-changing request with Basic credentials "
                    + "needs the header " + HEADER + " (any value) or a JSON/CSV content type: browsers send neither "
                    + "on a cross-site form, so this is how Touchpoint tells your program from a forged request.", Map.of());
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean mayBeForged(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            return false;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String marker = request.getHeader(HEADER);
        if (marker != null && !marker.isBlank()) {
            return false;
        }
        return isSimpleContentType(request.getContentType());
    }

    static boolean isSimpleContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return SIMPLE_TYPES.contains((type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT));
        } catch (RuntimeException unreadable) {
            return true;
        }
    }
}
