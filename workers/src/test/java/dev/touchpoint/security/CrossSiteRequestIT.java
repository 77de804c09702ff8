package dev.touchpoint.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.context.CustomerContextStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real browser (headless Chromium from Debian) that once logged in with HTTP Basic visits another site, whose page
 * posts a form to the irreversible erasure endpoint: the browser replays the cached credentials, and Touchpoint must
 * refuse the forged request (ADR-0017). The CLI's way (the header X-Requested-By) and JSON calls still work.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrossSiteRequestIT {

    static final Path CHROMIUM = Path.of(System.getProperty("touchpoint.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("touchpoint.test.chromedriver", "/usr/bin/chromedriver"));
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void isolated(DynamicPropertyRegistry registry) {
        IsolatedApplication.register(registry);
    }

    @LocalServerPort int port;
    @Autowired CustomerContextStore customers;

    HttpServer attacker;
    ChromeDriver browser;
    Path profile;

    @BeforeEach
    void start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("This test needs headless Chromium: " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install -y chromium chromium-driver; ./touchpoint test installs them)");
        }
        attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/", exchange -> {
            String target = exchange.getRequestURI().getQuery().substring("target=".length());
            byte[] page = ("<!doctype html><html><body><form id=f method=post action=\"" + target + "\">"
                    + "<input type=hidden name=why value=prize></form><script>document.getElementById('f').submit()</script>"
                    + "</body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        attacker.start();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("csrf-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--user-data-dir=" + profile);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (attacker != null) {
            attacker.stop(0);
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a temporary profile left behind is harmless
        }
    }

    @Test
    void aCrossSiteFormCannotEraseACustomerWithTheBrowsersCachedBasicCredentials() throws Exception {
        String victim = "csrf-victim-1";
        createCustomer(victim);
        String app = "http://localhost:" + port;

        // the compliance officer looks at the customer in the browser: the browser now holds Basic credentials
        browser.get("http://" + TestUsers.userName(Roles.COMPLIANCE) + ":" + TestUsers.PASSWORD + "@localhost:" + port
                + "/api/ledger/customers/" + victim + "/access-export");
        assertThat(browser.getPageSource()).contains(victim);
        browser.get(app + "/api/ledger/customers/" + victim + "/access-export");
        assertThat(browser.getPageSource()).as("the browser replays its cached credentials").contains(victim);

        // ... then opens a page of another site, which posts a form to the erasure endpoint
        browser.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/?target=" + app + "/api/ledger/customers/"
                + victim + "/erase");
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.getCurrentUrl().startsWith(app));
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.getPageSource().contains("X-Requested-By")
                || customers.findProfile(victim).isEmpty());

        assertThat(customers.findProfile(victim)).as("the forged erasure was refused").isPresent();
        assertThat(browser.getPageSource()).contains("Forbidden");

        // a program says who it is (the CLI sends X-Requested-By): the same erasure goes through
        HttpResponse<String> cli = HTTP.send(HttpRequest.newBuilder(URI.create(app + "/api/ledger/customers/" + victim + "/erase"))
                .header("Authorization", TestUsers.authorization(Roles.COMPLIANCE))
                .header(CrossSiteRequests.HEADER, "touchpoint-cli")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cli.statusCode()).as(cli.body()).isEqualTo(200);
        assertThat(customers.findProfile(victim)).isEmpty();
    }

    @Test
    void bodylessAndFormPostsWithBasicNeedTheHeaderJsonDoesNot() throws Exception {
        String app = "http://localhost:" + port;
        createCustomer("csrf-victim-2");
        for (String type : new String[] {null, "application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"}) {
            HttpRequest.Builder forged = HttpRequest.newBuilder(URI.create(app + "/api/ledger/customers/csrf-victim-2/erase"))
                    .header("Authorization", TestUsers.authorization(Roles.ADMIN))
                    .POST(HttpRequest.BodyPublishers.ofString(type == null ? "" : "a=b"));
            if (type != null) {
                forged.header("Content-Type", type);
            }
            HttpResponse<String> answer = HTTP.send(forged.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(String.valueOf(type)).isEqualTo(403);
            assertThat(answer.body()).contains(CrossSiteRequests.HEADER);
        }
        assertThat(customers.findProfile("csrf-victim-2")).isPresent();
        // JSON cannot be sent by a form (a browser would ask first, and Touchpoint allows no cross-origin calls)
        HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(URI.create(app + "/api/customers/csrf-victim-3"))
                .header("Authorization", TestUsers.authorization(Roles.MARKETING)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"givenName\":\"Eve\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).as(json.body()).isEqualTo(201);
    }

    private void createCustomer(String id) {
        try {
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/customers/" + id))
                    .header("Authorization", TestUsers.authorization(Roles.ADMIN)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"givenName\":\"Vic\",\"email\":\"" + id + "@example.com\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
