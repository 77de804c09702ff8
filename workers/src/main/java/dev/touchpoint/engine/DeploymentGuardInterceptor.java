package dev.touchpoint.engine;

import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployProcessRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ProcessRequestObject;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Resource;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded gateway's deploy calls ({@code DeployResource}, and the deprecated {@code DeployProcess}) pass through
 * a {@link DeploymentGuard} first. A refused deployment never reaches the engine: the call is closed with
 * {@code INVALID_ARGUMENT} and the guard's problems, one per line, as Zeebe itself answers a diagram it cannot run.
 * Every other call passes untouched.
 */
final class DeploymentGuardInterceptor implements ServerInterceptor {

    static final String REFUSED = "Touchpoint's journey lint refused the deployment; nothing was deployed:";
    private static final Logger log = LoggerFactory.getLogger(DeploymentGuardInterceptor.class);
    private static final String DEPLOY_RESOURCE = GatewayGrpc.getDeployResourceMethod().getFullMethodName();
    private static final String DEPLOY_PROCESS = GatewayGrpc.getDeployProcessMethod().getFullMethodName();

    private final DeploymentGuard guard;

    DeploymentGuardInterceptor(DeploymentGuard guard) {
        this.guard = guard;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        if (!DEPLOY_RESOURCE.equals(method) && !DEPLOY_PROCESS.equals(method)) {
            return next.startCall(call, headers);
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            private boolean refused;

            @Override
            public void onMessage(Q request) {
                List<String> problems = check(request);
                if (problems.isEmpty()) {
                    super.onMessage(request);
                    return;
                }
                refused = true;
                log.warn("Deployment refused by the journey lint: {}", String.join("; ", problems));
                call.close(Status.INVALID_ARGUMENT.withDescription(describe(problems)), new Metadata());
            }

            @Override
            public void onHalfClose() {
                if (!refused) { // the engine's handler would answer a request it never received
                    super.onHalfClose();
                }
            }
        };
    }

    private List<String> check(Object request) {
        Map<String, byte[]> resources = new LinkedHashMap<>();
        if (request instanceof DeployResourceRequest deploy) {
            for (Resource resource : deploy.getResourcesList()) {
                resources.put(resource.getName(), resource.getContent().toByteArray());
            }
        } else if (request instanceof DeployProcessRequest deploy) {
            for (ProcessRequestObject process : deploy.getProcessesList()) {
                resources.put(process.getName(), process.getDefinition().toByteArray());
            }
        }
        try {
            return resources.isEmpty() ? List.of() : guard.problems(resources);
        } catch (RuntimeException e) {
            // as at start-up, where a lint that fails stops the deployment: nothing goes out unchecked
            log.error("The journey lint failed on a deployment of {}", resources.keySet(), e);
            return List.of(String.join(", ", resources.keySet()) + ": the journey lint could not check this deployment ("
                    + e + "); please report it with the diagram");
        }
    }

    static String describe(List<String> problems) {
        StringBuilder text = new StringBuilder(REFUSED);
        for (String problem : problems) {
            text.append("\n  - ").append(problem);
        }
        return text.toString();
    }
}
