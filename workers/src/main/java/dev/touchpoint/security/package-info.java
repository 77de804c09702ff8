/**
 * Spring Security set-up shared by every Touchpoint API: HTTP Basic with users from configuration in the embedded
 * default (passwords from environment variables, or generated at first start into {@code .touchpoint/credentials}),
 * an OIDC resource server (JWT) in the cluster profile. Roles are {@link dev.touchpoint.security.Roles}; public paths
 * are {@link dev.touchpoint.security.PublicPaths}; APIs guard their endpoints with {@code @PreAuthorize}.
 */
package dev.touchpoint.security;
