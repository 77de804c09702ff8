package dev.touchpoint.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The filters in front of everything else (ADR-0016): per-client rate limits on the public endpoints first (a client
 * over its limit costs nothing more), then the request body limits, both before Spring Security and Spring MVC (whose
 * form filter would otherwise read a form body whole).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class HttpHardeningConfiguration {

    /** Order of the rate limit filter: right after Spring's character encoding filter. */
    public static final int RATE_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
    /** Order of the body limit filter. */
    public static final int BODY_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    @Bean
    FilterRegistrationBean<RateLimitFilter> touchpointRateLimitFilter(HttpProperties properties) {
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(new RateLimitFilter(properties.rateLimits()));
        registration.setOrder(RATE_LIMIT_ORDER);
        registration.setEnabled(properties.rateLimits().enabled());
        registration.setName("touchpointRateLimitFilter");
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> touchpointRequestBodyLimitFilter(HttpProperties properties) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties.maxBody()));
        registration.setOrder(BODY_LIMIT_ORDER);
        registration.setName("touchpointRequestBodyLimitFilter");
        return registration;
    }
}
