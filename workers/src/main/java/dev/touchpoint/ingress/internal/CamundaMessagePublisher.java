package dev.touchpoint.ingress.internal;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;

/** Publishes through the Camunda client; maps the engine's answers to the exceptions of {@link MessagePublisher}. */
public class CamundaMessagePublisher implements MessagePublisher {

    private final CamundaClient client;

    public CamundaMessagePublisher(CamundaClient client) {
        this.client = client;
    }

    @Override
    public long publish(String name, String correlationKey, String messageId, Duration ttl, Map<String, Object> variables) {
        try {
            return client.newPublishMessageCommand().messageName(name).correlationKey(correlationKey)
                    .messageId(messageId).timeToLive(ttl).variables(variables)
                    .send().join().getMessageKey();
        } catch (ClientStatusException e) {
            throw translate(e, e.getStatusCode());
        } catch (ProblemException e) {
            if (e.code() == 429 || e.code() == 503) {
                throw new EngineBackpressureException("engine answered " + e.code(), e);
            }
            if (e.code() == 409) {
                throw new DuplicateMessageException("message " + messageId + " already published", e);
            }
            throw e;
        }
    }

    static RuntimeException translate(ClientStatusException e, Status.Code code) {
        return switch (code) {
            case RESOURCE_EXHAUSTED, UNAVAILABLE, DEADLINE_EXCEEDED -> new EngineBackpressureException("engine answered " + code, e);
            case ALREADY_EXISTS -> new DuplicateMessageException("message already published", e);
            case INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION -> new EngineRejectedException("engine refused the message: " + code, e);
            default -> e;
        };
    }
}
