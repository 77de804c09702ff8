package dev.touchpoint.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UrlPathHelper;

/**
 * The kinds of endpoint that get their own body limit and rate limit ({@link HttpProperties}). A request is classified
 * by its decoded, normalised path (so {@code /webhooks/%74wilio} is a webhook too).
 */
enum PathGroup {
    /** {@code POST /api/events}: machines with a source key. */
    EVENTS,
    /** {@code /webhooks/**}: provider callbacks, signed. */
    WEBHOOKS,
    /** {@code /t/o/**} open pixel, {@code /t/c/**} click links. */
    TRACKING,
    /** {@code /t/unsubscribe}. */
    UNSUBSCRIBE,
    /** {@code /t/s/**}: survey pages, answer links and the comment form (ADR-0026). */
    SURVEY,
    /** {@code /kiosk/**}: kiosk pages, assets and the WebSocket. */
    KIOSK,
    /** Customer imports and campaign audience uploads (streamed; the console's uploads too). */
    UPLOADS,
    /** Everything else: the user APIs and the actuator. */
    OTHER;

    private static final UrlPathHelper PATHS = new UrlPathHelper();

    static {
        PATHS.setUrlDecode(true);
        PATHS.setRemoveSemicolonContent(true);
    }

    static PathGroup of(HttpServletRequest request) {
        return of(PATHS.getPathWithinApplication(request));
    }

    static PathGroup of(String path) {
        String p = normalise(path);
        if (p.equals("/api/events")) {
            return EVENTS;
        }
        if (p.startsWith("/webhooks/")) {
            return WEBHOOKS;
        }
        if (p.startsWith("/t/o/") || p.startsWith("/t/c/")) {
            return TRACKING;
        }
        if (p.equals("/t/unsubscribe")) {
            return UNSUBSCRIBE;
        }
        if (p.startsWith("/t/s/")) {
            return SURVEY;
        }
        if (p.equals("/kiosk") || p.startsWith("/kiosk/")) {
            return KIOSK;
        }
        if (p.equals("/api/customers/import") || p.matches("/api/campaigns/[^/]+/audience")
                || p.matches("/console/campaigns/[^/]+/audience")) {
            return UPLOADS;
        }
        return OTHER;
    }

    private static String normalise(String path) {
        String p = path == null || path.isEmpty() ? "/" : path.replaceAll("/{2,}", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
