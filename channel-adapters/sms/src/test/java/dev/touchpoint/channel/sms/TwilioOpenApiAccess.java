package dev.touchpoint.channel.sms;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@link TwilioOpenApi} for tests in other packages. */
public final class TwilioOpenApiAccess {

    private TwilioOpenApiAccess() {
    }

    public static List<String> messageResourceProblems(JsonNode resource) {
        return TwilioOpenApi.get().messageResourceProblems(resource);
    }
}
