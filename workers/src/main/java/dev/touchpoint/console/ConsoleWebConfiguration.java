package dev.touchpoint.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console's static resources, served by the application itself (no CDN, works offline): its own script and style
 * sheet and the vendored bpmn-js viewer under {@code /console/assets/**}, htmx and uPlot from their WebJars under
 * {@code /console/webjars/**}.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfiguration implements WebMvcConfigurer {

    /** WebJar paths, with the versions of the root pom (a test checks that each is served). */
    static final String HTMX = "/console/webjars/htmx.org/2.0.10/dist/htmx.min.js";
    static final String UPLOT_JS = "/console/webjars/uplot/1.6.30/dist/uPlot.iife.min.js";
    static final String UPLOT_CSS = "/console/webjars/uplot/1.6.30/dist/uPlot.min.css";

    /** Says where the console is once the application is ready (no password: those are in the credentials file). */
    @EventListener
    void ready(ApplicationReadyEvent event) {
        String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port");
        if (port != null) {
            LoggerFactory.getLogger(ConsoleWebConfiguration.class)
                    .info("Touchpoint console: http://localhost:{}/console (sign in with the users of the API)", port);
        }
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/console/assets/**").addResourceLocations("classpath:/console/assets/")
                .setCacheControl(CacheControl.maxAge(1, TimeUnit.HOURS));
        registry.addResourceHandler("/console/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(CacheControl.maxAge(1, TimeUnit.DAYS));
    }
}
