package dev.touchpoint.journey;

import dev.touchpoint.brand.BrandDesignSystem;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.spring.configuration.CamundaAutoConfiguration;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./touchpoint deploy FILE...}: checks BPMN, DMN and form files with Touchpoint's journey lint and deploys them,
 * in one deployment, to the engine the application's configuration names: the embedded engine of a running
 * Touchpoint by default ({@code touchpoint.engine.embedded.*}), or a cluster ({@code --spring.profiles.active=cluster},
 * {@code --camunda.client.*} settings, or {@code --address=http://host:26500}). The messages are the ones of the
 * start-up deployment: file, element and reason per problem.
 *
 * <pre>
 * DeployCli [--address=URL] [--spring.profiles.active=cluster] [--camunda.client.KEY=VALUE ...] FILE...
 * </pre>
 * Exit status: 0 deployed, 1 refused (by the lint or the engine), 2 usage error or engine unreachable.
 */
public final class DeployCli {

    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int ERROR = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private DeployCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, true));
    }

    /**
     * Runs one deployment; returns the exit status.
     *
     * @param configureLogging false inside a JVM that already configured logging (tests): Spring Boot's logging set-up
     *                         is JVM-wide
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean configureLogging) {
        List<Path> paths = new ArrayList<>();
        List<String> springArgs = new ArrayList<>();
        for (String arg : args) {
            if (List.of("help", "--help", "-h").contains(arg)) {
                out.print(usage());
                return OK;
            } else if (arg.startsWith("--address=")) {
                String address = arg.substring("--address=".length()).strip();
                if (!address.matches("(?i)(https?|grpcs?)://.+")) {
                    err.println("deploy: --address must be a URL such as http://localhost:26500, was '" + address + "'");
                    return ERROR;
                }
                // an explicit address is a remote engine: the embedded defaults must not replace it
                springArgs.add("--touchpoint.engine.mode=remote");
                springArgs.add("--camunda.client.grpc-address=" + address);
                springArgs.add("--camunda.client.rest-address=" + address);
            } else if (arg.startsWith("--")) {
                springArgs.add(arg);
            } else {
                paths.add(Path.of(arg));
            }
        }
        if (paths.isEmpty()) {
            err.println("deploy: name at least one .bpmn, .dmn or .form file");
            err.print(usage());
            return ERROR;
        }
        Map<String, JourneyFile> files = new LinkedHashMap<>();
        for (Path path : paths) {
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            if (JourneyFolder.EXTENSIONS.stream().noneMatch(name.toLowerCase(Locale.ROOT)::endsWith)) {
                err.println("deploy: " + path + ": not a .bpmn, .dmn or .form file");
                return ERROR;
            }
            try {
                JourneyFile file = new JourneyFile(name, path, Files.readAllBytes(path));
                if (files.putIfAbsent(name, file) != null) {
                    err.println("deploy: two files named " + name + ": the engine knows a resource by its file name; deploy them one by one");
                    return ERROR;
                }
            } catch (IOException e) {
                err.println("deploy: cannot read " + path + ": " + e.getMessage());
                return ERROR;
            }
        }

        List<DiagramProblem> problems = new JourneyLint(BrandDesignSystem.fromClasspath()).check(List.copyOf(files.values()));
        if (!problems.isEmpty()) {
            return refused(problems, "Touchpoint's journey lint", err);
        }

        SpringApplication application = new SpringApplication(ClientContext.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setDefaultProperties(Map.of("logging.threshold.console", "OFF", "logging.level.root", "ERROR",
                // no job workers in this process: nothing may poll the engine
                "camunda.client.worker.defaults.enabled", "false"));
        if (!configureLogging) {
            application.setListeners(application.getListeners().stream()
                    .filter(l -> !(l instanceof org.springframework.boot.context.logging.LoggingApplicationListener)).toList());
        }
        String address = "the engine";
        try (ConfigurableApplicationContext context = application.run(springArgs.toArray(String[]::new))) {
            CamundaClient client = context.getBean(CamundaClient.class);
            address = String.valueOf(client.getConfiguration().getGrpcAddress());
            String engineAddress = address;
            DeploymentEvent event = send(client, files.values());
            event.getProcesses().forEach(p -> out.println("Deployed journey " + p.getBpmnProcessId() + " version "
                    + p.getVersion() + " (" + p.getResourceName() + ") to " + engineAddress));
            event.getDecisions().forEach(d -> out.println("Deployed decision " + d.getDmnDecisionId() + " version "
                    + d.getVersion() + " (" + d.getDmnDecisionRequirementsId() + ")"));
            event.getForm().forEach(f -> out.println("Deployed form " + f.getFormId() + " version " + f.getVersion()
                    + " (" + f.getResourceName() + ")"));
            return OK;
        } catch (ClientStatusException e) {
            switch (e.getStatusCode()) {
                case INVALID_ARGUMENT -> {
                    List<DiagramProblem> rejected = EngineRejection.parse(e.getMessage(), files.keySet());
                    if (rejected.isEmpty()) {
                        err.println("deploy: " + address + " refused the deployment: " + e.getMessage());
                    } else {
                        return refused(rejected, "the engine at " + address, err);
                    }
                    return REFUSED;
                }
                case UNAVAILABLE, DEADLINE_EXCEEDED -> {
                    err.println("deploy: cannot reach the engine at " + address + " (" + e.getStatusCode() + "). Is Touchpoint"
                            + " running (./touchpoint run)? For a cluster pass --spring.profiles.active=cluster or --address=URL.");
                    return ERROR;
                }
                default -> {
                    err.println("deploy: " + address + " answered " + e.getStatusCode() + ": " + e.getMessage());
                    return ERROR;
                }
            }
        } catch (RuntimeException e) {
            err.println("deploy: " + rootMessage(e));
            return ERROR;
        }
    }

    private static DeploymentEvent send(CamundaClient client, java.util.Collection<JourneyFile> files) {
        DeployResourceCommandStep1 command = client.newDeployResourceCommand();
        DeployResourceCommandStep1.DeployResourceCommandStep2 step = null;
        for (JourneyFile file : files) {
            step = step == null ? command.addResourceBytes(file.content(), file.resourceName())
                    : step.addResourceBytes(file.content(), file.resourceName());
        }
        return step.send().join(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static int refused(List<DiagramProblem> problems, String by, PrintStream err) {
        long count = problems.stream().map(DiagramProblem::resourceName).distinct().count();
        err.println(count + (count == 1 ? " file" : " files") + " cannot run (refused by " + by + "); nothing was deployed:");
        problems.forEach(p -> err.println("  - " + p.describe()));
        err.println("Open the file in Camunda Modeler, select the element by its id (General > ID), fix it and deploy again"
                + " (docs/journey-designer-guide.md, section 5).");
        return REFUSED;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    static String usage() {
        return """
                Usage: ./touchpoint deploy [--address=URL] [--spring.profiles.active=cluster] [--camunda.client.KEY=VALUE ...] FILE...

                Checks the .bpmn, .dmn and .form files with Touchpoint's journey lint, then deploys them in one deployment.
                The engine: a running Touchpoint's embedded engine (touchpoint.engine.embedded.port, default 26500), or the
                cluster of the configuration (--spring.profiles.active=cluster, camunda.client.* settings and credentials,
                as the application reads them), or --address=http://host:26500 (no authentication).
                Exit status: 0 deployed, 1 refused (every problem with file, element and reason), 2 usage error or engine
                unreachable.
                """;
    }

    /** Only what the tool needs: configuration and the Camunda client of the starter (no job workers, no engine). */
    @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, JacksonAutoConfiguration.class,
            CamundaAutoConfiguration.class})
    static class ClientContext {
    }
}
