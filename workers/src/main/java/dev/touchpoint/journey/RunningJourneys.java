package dev.touchpoint.journey;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels journey instances, e.g. every running journey of a customer who was erased (a journey must not go on
 * contacting someone whose data is gone). Cancelling an instance that has ended already is not an error.
 */
public class RunningJourneys {

    private static final Logger log = LoggerFactory.getLogger(RunningJourneys.class);

    private final CamundaClient client;

    public RunningJourneys(CamundaClient client) {
        this.client = client;
    }

    /** Cancels each instance; returns how many were still running (and are cancelled now). */
    public int cancel(Collection<Long> processInstanceKeys, String why) {
        int cancelled = 0;
        for (Long key : processInstanceKeys) {
            if (key == null) {
                continue;
            }
            try {
                client.newCancelInstanceCommand(key).send().join();
                cancelled++;
                log.info("Journey instance {} cancelled ({})", key, why);
            } catch (ClientStatusException e) {
                if (e.getStatusCode() != Status.Code.NOT_FOUND) {
                    throw e;
                }
            }
        }
        return cancelled;
    }
}
