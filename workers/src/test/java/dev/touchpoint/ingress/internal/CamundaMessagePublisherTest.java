package dev.touchpoint.ingress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

class CamundaMessagePublisherTest {

    private static RuntimeException translate(Status status) {
        ClientStatusException e = new ClientStatusException(status, null);
        return CamundaMessagePublisher.translate(e, e.getStatusCode());
    }

    @Test
    void engineAnswersMapToRetryDuplicateOrRejection() {
        assertThat(translate(Status.RESOURCE_EXHAUSTED)).isInstanceOf(MessagePublisher.EngineBackpressureException.class);
        assertThat(translate(Status.UNAVAILABLE)).isInstanceOf(MessagePublisher.EngineBackpressureException.class);
        assertThat(translate(Status.DEADLINE_EXCEEDED)).isInstanceOf(MessagePublisher.EngineBackpressureException.class);
        assertThat(translate(Status.ALREADY_EXISTS)).isInstanceOf(MessagePublisher.DuplicateMessageException.class);
        assertThat(translate(Status.INVALID_ARGUMENT)).isInstanceOf(MessagePublisher.EngineRejectedException.class);
        assertThat(translate(Status.PERMISSION_DENIED)).isInstanceOf(ClientStatusException.class);
    }
}
