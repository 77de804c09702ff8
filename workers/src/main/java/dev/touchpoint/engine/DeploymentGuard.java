package dev.touchpoint.engine;

import java.util.List;
import java.util.Map;

/**
 * Checks every deployment that reaches the embedded engine's gateway before the engine sees it, whoever sends it
 * (Camunda Modeler, {@code ./touchpoint deploy}, a test, the journey deployer): Touchpoint's journey lint. A refused
 * deployment is answered with gRPC status {@code INVALID_ARGUMENT} and one line per problem (file, element, reason),
 * which Modeler shows as the deploy error; nothing of it is deployed.
 */
@FunctionalInterface
public interface DeploymentGuard {

    /**
     * @param resources the deployment's resources, resource name to content, in the order they were sent
     * @return one line per problem, e.g. {@code welcome.bpmn, element 'send-welcome-email': does not supply ...};
     *     empty to let the deployment through
     */
    List<String> problems(Map<String, byte[]> resources);
}
