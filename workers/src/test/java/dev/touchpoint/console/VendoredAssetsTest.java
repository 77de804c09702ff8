package dev.touchpoint.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The bpmn-js viewer is vendored exactly as its npm package publishes it ({@code workers/scripts/vendor-bpmn-js.sh}
 * writes SOURCE.txt): an edited file (e.g. one without the bpmn.io watermark its licence requires) fails here.
 */
class VendoredAssetsTest {

    static final String DIR = "/console/assets/vendor/bpmn-js/";

    @Test
    void theBpmnJsFilesAreThePublishedOnesWithTheirLicence() throws IOException {
        Properties source = new Properties();
        try (InputStream in = getClass().getResourceAsStream(DIR + "SOURCE.txt")) {
            assertThat(in).as(DIR + "SOURCE.txt").isNotNull();
            source.load(in);
        }
        assertThat(source.getProperty("version")).isEqualTo("18.31.1");
        int files = 0;
        for (String key : source.stringPropertyNames()) {
            if (key.startsWith("sha256.")) {
                String file = key.substring("sha256.".length());
                assertThat(sha256(DIR + file)).as(file).isEqualTo(source.getProperty(key));
                files++;
            }
        }
        assertThat(files).isEqualTo(4);
        assertThat(read(DIR + "LICENSE")).contains("bpmn.io").containsIgnoringCase("watermark");
        assertThat(read(DIR + "bpmn-navigated-viewer.production.min.js")).contains("bjs-powered-by");
    }

    private String read(String resource) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String sha256(String resource) {
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
