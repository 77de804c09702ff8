package dev.touchpoint.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The security module's settings ({@code touchpoint.security.*}, {@code touchpoint.http.*}), bound in every kind of
 * application: the filter chains that use most of them exist only in a servlet application, but beans of other
 * modules read them too (the event API's size and rate limits), also in the non-web applications the tests and the
 * command-line tools start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, HttpProperties.class})
class SecurityPropertiesConfiguration {
}
