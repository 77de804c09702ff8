package dev.touchpoint.security;

import java.util.List;

/**
 * The roles of Touchpoint users. In Spring Security they are authorities {@code ROLE_<name>}; check them with
 * {@code @PreAuthorize("hasRole('ADMIN')")} or {@code hasAnyRole(...)}.
 */
public final class Roles {

    /** Everything, including users and erasure. */
    public static final String ADMIN = "ADMIN";
    /** Customers, imports, journeys and campaigns. */
    public static final String MARKETING = "MARKETING";
    /** Consent, evidence and GDPR requests (erasure). */
    public static final String COMPLIANCE = "COMPLIANCE";
    /** Brand design system and templates. */
    public static final String DESIGNER = "DESIGNER";
    /** Operations: health, engine, deployments. */
    public static final String OPERATOR = "OPERATOR";

    public static final List<String> ALL = List.of(ADMIN, MARKETING, COMPLIANCE, DESIGNER, OPERATOR);

    private Roles() {
    }
}
