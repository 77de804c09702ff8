package dev.touchpoint.channel.email.sandbox.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchpoint.channel.EmailCategory;
import dev.touchpoint.channel.EmailContent;
import dev.touchpoint.channel.ListUnsubscribe;
import dev.touchpoint.channel.OutboundMessage;
import dev.touchpoint.channel.email.SmtpEmailAdapter;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The embedded default end to end: the auto-configured adapter sends to the sandbox, the REST API shows it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "touchpoint.channels.email.sandbox.port=0")
@ExtendWith(OutputCaptureExtension.class)
class EmailSandboxWebIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @Autowired
    SmtpEmailAdapter adapter;

    @Autowired
    TestRestTemplate http;

    @Test
    void whatWasSentIsListedAndReadableThroughTheSandboxApi(CapturedOutput output) {
        http.delete("/api/sandbox/email/messages");
        adapter.send(new OutboundMessage("web-1", "cust-1", "kim@example.org", new EmailContent("Grüezi Kim", null,
                "<p>Grüezi</p>", "Grüezi", "Läden AG", "news@shop.example", null,
                ListUnsubscribe.oneClick(URI.create("https://shop.example/u/1")), EmailCategory.MARKETING)));

        JsonNode list = http.getForObject("/api/sandbox/email/messages", JsonNode.class);
        assertThat(list).hasSize(1);
        JsonNode summary = list.get(0);
        assertThat(summary.get("subject").asText()).isEqualTo("Grüezi Kim");
        assertThat(summary.get("from").asText()).isEqualTo("Läden AG <news@shop.example>");
        assertThat(summary.get("to").get(0).asText()).isEqualTo("kim@example.org");
        assertThat(summary.get("marketing").asBoolean()).isTrue();
        assertThat(summary.get("messageId").asText()).isEqualTo(SmtpEmailAdapter.messageIdFor("web-1",
                "shop.example"));

        String id = summary.get("id").asText();
        JsonNode detail = http.getForObject("/api/sandbox/email/messages/" + id, JsonNode.class);
        assertThat(detail.get("text").asText()).isEqualTo("Grüezi");
        assertThat(detail.get("html").asText()).isEqualTo("<p>Grüezi</p>");
        assertThat(detail.get("headers").findValuesAsText("name")).contains("List-Unsubscribe-Post", "Message-ID");

        ResponseEntity<String> raw = http.getForEntity("/api/sandbox/email/messages/" + id + "/raw", String.class);
        assertThat(raw.getHeaders().getContentType()).hasToString("message/rfc822");
        assertThat(raw.getBody()).contains("Content-Type: multipart/alternative");

        assertThat(http.getForEntity("/api/sandbox/email/messages/nope-1", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<JsonNode> purged = http.exchange("/api/sandbox/email/messages", HttpMethod.DELETE, null,
                JsonNode.class);
        assertThat(purged.getBody().get("deleted").asInt()).isEqualTo(1);
        assertThat(http.getForObject("/api/sandbox/email/messages", JsonNode.class)).isEmpty();
        assertThat(output.getAll()).as("no personal data in the logs").doesNotContain("kim@example.org")
                .contains("idempotencyKey=web-1");
    }
}
