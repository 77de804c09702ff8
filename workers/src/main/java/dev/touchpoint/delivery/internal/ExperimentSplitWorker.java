package dev.touchpoint.delivery.internal;

import dev.touchpoint.tasks.TaskNames.Headers;
import dev.touchpoint.tasks.TaskNames.Inputs;
import dev.touchpoint.tasks.TaskNames.Outputs;
import dev.touchpoint.tasks.TaskNames.Types;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;

/**
 * {@code touchpoint.experiment.split}: puts a customer in variant A or B of an experiment, the same way every time
 * (SHA-256 of experiment name and customer id), so a retried job, a second campaign run or another instance never
 * moves a customer to the other variant.
 */
public class ExperimentSplitWorker {

    @JobWorker(type = Types.EXPERIMENT_SPLIT, fetchVariables = Inputs.CUSTOMER_ID)
    public Map<String, Object> split(ActivatedJob job, @Variable(name = Inputs.CUSTOMER_ID) String customerId) {
        String experiment = job.getCustomHeaders().getOrDefault(Headers.EXPERIMENT, job.getBpmnProcessId());
        int percentA;
        try {
            percentA = Integer.parseInt(job.getCustomHeaders().getOrDefault(Headers.SPLIT, "50").trim());
        } catch (NumberFormatException e) {
            throw CamundaError.jobError("element '" + job.getElementId() + "': header 'split' must be a whole percentage"
                    + " 0-100", null, 0, Duration.ZERO);
        }
        if (customerId == null || customerId.isBlank() || percentA < 0 || percentA > 100) {
            throw CamundaError.jobError("element '" + job.getElementId() + "': needs a customerId variable and a split of"
                    + " 0-100", null, 0, Duration.ZERO);
        }
        return Map.of(Outputs.VARIANT, variant(experiment, customerId, percentA));
    }

    /** A when the customer's bucket (0-99) is below {@code percentA}. */
    public static String variant(String experiment, String customerId, int percentA) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((experiment + "\u0000" + customerId).getBytes(StandardCharsets.UTF_8));
            long value = ((hash[0] & 0xFFL) << 24) | ((hash[1] & 0xFFL) << 16) | ((hash[2] & 0xFFL) << 8) | (hash[3] & 0xFFL);
            return value % 100 < percentA ? "A" : "B";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
