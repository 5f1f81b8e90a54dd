package app.tax.analytics.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved views, annotations, release markers, the funnel around a marker and e-mail reports through a real
 * {@code analytics all} (DuckDB, the disk queue, the processor) and a real SMTP server (GreenMail), over HTTP, with
 * every refusal. The dataset, source "web", lies in the previous calendar month P (UTC), so the monthly report is due:
 * <ul>
 * <li>P+2d: a1 09:00 views / (the first event of release "v1"), tracks "Paid" 09:05; a2 10:00 and a3 11:00 view /.</li>
 * <li>P+10d: b1 12:00 views / (the first event of release "v2"), "Paid" 12:05; b2 13:00 /, "Paid" 13:05.</li>
 * </ul>
 * Funnel / → "Paid": before v2 3, 1; after it 2, 2. The month: 5 visitors, 5 pageviews, 5 sessions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoardApiEndToEndTest {
    private static final String VIEWER = "viewer@tax.app";
    private static final String OUTSIDER = "outsider@tax.app";
    private static final String PASSWORD = "a viewer's long password";
    private static final String FUNNEL = "{\"steps\":[{\"page\":\"/\"},{\"event\":\"Paid\"}],\"windowMinutes\":60}";

    private GreenMail smtp;
    private AllRoleFixture service;
    private String admin;
    private String viewer;
    private String outsider;
    private LocalDate month;
    private String range;
    private int messages;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        smtp.setUser("reports@tax.app", "reports", "an smtp secret");
        service = new AllRoleFixture(dataDir, "--smtp-host=127.0.0.1", "--smtp-port=" + smtp.getSmtp().getPort(),
                "--smtp-from=reports@tax.app", "--smtp-user=reports", "--smtp-password=an smtp secret",
                "--smtp-starttls=off", "--report-check-seconds=1");
        admin = service.login();
        addAccount(VIEWER, "web");
        addAccount(OUTSIDER, "elsewhere");
        viewer = service.dashboard.login(VIEWER, PASSWORD);
        outsider = service.dashboard.login(OUTSIDER, PASSWORD);
        month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusMonths(1);
        range = "source=web&from=" + month + "&to=" + month.plusMonths(1);
        sendTheDataset();
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void releaseMarkersComeFromTheFirstEventOfEachVersionAndSplitTheFunnel() {
        List<JsonNode> markers = await("two release markers", () -> {
            List<JsonNode> found = releases();
            return found.size() == 2 ? found : null;
        });
        assertThat(markers).extracting(m -> m.get("text").asText()).containsExactly("v1", "v2");
        assertThat(markers.get(0).get("at").asText()).isEqualTo(day(2) + "T09:00:00Z");
        assertThat(markers.get(1).get("at").asText()).isEqualTo(day(10) + "T12:00:00Z");
        assertThat(markers).allMatch(m -> m.get("kind").asText().equals("release") && m.get("createdBy").asText().equals("processor"));
        String v2 = markers.get(1).get("id").asText();

        HttpJson.Response around = service.dashboard.post("/api/annotations/" + v2 + "/funnel?" + range, viewer, FUNNEL);
        assertThat(around.status()).as(around.body()).isEqualTo(200);
        assertThat(around.json().get("marker").get("text").asText()).isEqualTo("v2");
        assertThat(visitors(around.json().get("before"))).containsExactly(3L, 1L);
        assertThat(visitors(around.json().get("after"))).containsExactly(2L, 2L);

        assertRefused(service.dashboard.post("/api/annotations/no-such-id/funnel?" + range, admin, FUNNEL), 404, "no annotation");
        assertRefused(service.dashboard.post("/api/annotations/" + v2 + "/funnel?source=web&from=" + month + "&to=" + day(5), admin, FUNNEL),
                400, "from:");
        assertRefused(service.dashboard.post("/api/annotations/" + v2 + "/funnel?" + range, admin, "{\"steps\":[{\"page\":\"/\"}]}"),
                400, "steps:");
        assertRefused(service.dashboard.post("/api/annotations/" + v2 + "/funnel?source=elsewhere&from=" + month + "&to="
                + month.plusMonths(1), outsider, FUNNEL), 404, "no annotation");
        assertRefused(service.dashboard.delete("/api/annotations/" + v2, admin), 409, "release markers");
    }

    @Test
    void notesAreAddedListedAndRemovedWithTheirRefusals() {
        HttpJson.Response added = service.dashboard.post("/api/annotations", viewer,
                "{\"source\":\"web\",\"at\":\"" + day(5) + "T08:30:00Z\",\"text\":\"Newsletter sent\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String id = added.json().get("id").asText();
        assertThat(added.json().get("createdBy").asText()).isEqualTo(VIEWER);

        HttpJson.Response listed = service.dashboard.get("/api/annotations?" + range, admin);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(texts(listed.json())).contains("Newsletter sent");

        assertRefused(service.dashboard.post("/api/annotations", viewer, "{\"source\":\"web\",\"at\":\"yesterday\",\"text\":\"x\"}"),
                400, "at:");
        assertRefused(service.dashboard.post("/api/annotations", viewer, "{\"source\":\"web\",\"at\":\"" + day(5) + "T08:30:00Z\","
                + "\"text\":\"" + "x".repeat(501) + "\"}"), 400, "text:");
        assertRefused(service.dashboard.post("/api/annotations", viewer, "{\"at\":\"" + day(5) + "T08:30:00Z\",\"text\":\"x\"}"),
                400, "source:");
        assertRefused(service.dashboard.post("/api/annotations", outsider, "{\"source\":\"web\",\"at\":\"" + day(5) + "T08:30:00Z\","
                + "\"text\":\"x\"}"), 403, "no access");
        assertRefused(service.dashboard.get("/api/annotations?" + range, outsider), 403, "no access");
        assertRefused(service.dashboard.get("/api/annotations?source=web", admin), 400, "from:");
        assertRefused(service.dashboard.get("/api/annotations?" + range, null), 401, "sign in");

        HttpJson.Response adminNote = service.dashboard.post("/api/annotations", admin,
                "{\"source\":\"web\",\"at\":\"" + day(6) + "T08:30:00Z\",\"text\":\"Pricing changed\"}");
        assertRefused(service.dashboard.delete("/api/annotations/" + adminNote.json().get("id").asText(), viewer), 403, "author");
        assertThat(service.dashboard.delete("/api/annotations/" + id, viewer).status()).isEqualTo(204);
        assertRefused(service.dashboard.delete("/api/annotations/" + id, viewer), 404, "no annotation");
        assertThat(texts(service.dashboard.get("/api/annotations?" + range, admin).json()))
                .doesNotContain("Newsletter sent").contains("Pricing changed");
    }

    @Test
    void segmentsAreSavedListedAndRemovedWithTheirRefusals() {
        HttpJson.Response saved = service.dashboard.post("/api/segments", viewer,
                "{\"source\":\"web\",\"name\":\"Paid visitors\",\"filters\":\"event==Paid\"}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        String id = saved.json().get("id").asText();
        HttpJson.Response listed = service.dashboard.get("/api/segments?source=web", admin);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().toString()).contains("\"name\":\"Paid visitors\"", "\"filters\":\"event==Paid\"");

        assertRefused(service.dashboard.post("/api/segments", viewer, "{\"source\":\"web\",\"name\":\"Bad\",\"filters\":\"colour==red\"}"),
                400, "filters:");
        assertRefused(service.dashboard.post("/api/segments", viewer, "{\"source\":\"web\",\"name\":\"None\"}"), 400, "filters:");
        assertRefused(service.dashboard.post("/api/segments", viewer, "{\"source\":\"web\",\"filters\":\"country==KE\"}"), 400, "name:");
        assertRefused(service.dashboard.post("/api/segments", outsider, "{\"source\":\"web\",\"name\":\"x\",\"filters\":\"country==KE\"}"),
                403, "no access");
        assertRefused(service.dashboard.get("/api/segments", admin), 400, "source:");
        assertRefused(service.dashboard.get("/api/segments?source=web", outsider), 403, "no access");

        HttpJson.Response adminView = service.dashboard.post("/api/segments", admin,
                "{\"source\":\"web\",\"name\":\"Kenya\",\"filters\":\"country==KE\"}");
        assertRefused(service.dashboard.delete("/api/segments/" + adminView.json().get("id").asText(), viewer), 403, "author");
        assertRefused(service.dashboard.delete("/api/funnels/" + id, viewer), 404, "no funnel");
        assertThat(service.dashboard.delete("/api/segments/" + id, viewer).status()).isEqualTo(204);
        assertRefused(service.dashboard.delete("/api/segments/" + id, viewer), 404, "no segment");
    }

    @Test
    void funnelsAreSavedListedAndRemovedWithTheirRefusals() {
        HttpJson.Response saved = service.dashboard.post("/api/funnels", viewer,
                "{\"source\":\"web\",\"name\":\"Checkout\",\"steps\":[{\"page\":\"/\"},{\"event\":\"Paid\"}],\"windowMinutes\":30}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        JsonNode listed = service.dashboard.get("/api/funnels?source=web", viewer).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("steps").toString()).isEqualTo("[{\"page\":\"/\"},{\"event\":\"Paid\"}]");
        assertThat(listed.get(0).get("windowMinutes").asLong()).isEqualTo(30);

        assertRefused(service.dashboard.post("/api/funnels", viewer, "{\"source\":\"web\",\"name\":\"One\",\"steps\":[{\"page\":\"/\"}]}"),
                400, "steps:");
        assertRefused(service.dashboard.post("/api/funnels", viewer, "{\"source\":\"web\",\"name\":\"Slow\",\"steps\":"
                + "[{\"page\":\"/\"},{\"event\":\"Paid\"}],\"windowMinutes\":0}"), 400, "windowMinutes:");
        assertRefused(service.dashboard.post("/api/funnels", viewer, "{\"source\":\"web\",\"name\":\"Odd\",\"steps\":"
                + "[{\"page\":\"/\"},{\"colour\":\"red\"}]}"), 400, "steps:");

        String id = saved.json().get("id").asText();
        assertThat(service.dashboard.delete("/api/funnels/" + id, admin).status()).as("an admin removes anyone's").isEqualTo(204);
        assertThat(service.dashboard.get("/api/funnels?source=web", viewer).json()).isEmpty();
    }

    @Test
    void aMonthlyReportIsMailedWithTheNumbersAndTheChart() throws Exception {
        assertRefused(service.dashboard.post("/api/reports", viewer, "{\"source\":\"web\",\"period\":\"monthly\",\"recipients\":[\"a@tax.app\"]}"),
                403, "admin");
        assertRefused(service.dashboard.get("/api/reports", viewer), 403, "admin");
        assertRefused(service.dashboard.post("/api/reports", admin, "{\"source\":\"web\",\"period\":\"daily\",\"recipients\":[\"a@tax.app\"]}"),
                400, "period:");
        assertRefused(service.dashboard.post("/api/reports", admin, "{\"source\":\"web\",\"period\":\"monthly\",\"recipients\":[\"not-mail\"]}"),
                400, "recipients:");
        assertRefused(service.dashboard.post("/api/reports", admin, "{\"source\":\"web\",\"period\":\"monthly\",\"recipients\":[]}"),
                400, "recipients:");
        assertRefused(service.dashboard.delete("/api/reports/no-such-id", admin), 404, "no report");

        awaitCountedEvents();
        HttpJson.Response added = service.dashboard.post("/api/reports", admin,
                "{\"source\":\"web\",\"period\":\"monthly\",\"recipients\":[\"ops@tax.app\",\"ceo@tax.app\"]}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String id = added.json().get("id").asText();

        MimeMessage[] received = await("the report delivered to both recipients", () -> {
            MimeMessage[] all = smtp.getReceivedMessages();
            return all.length >= 2 ? all : null;
        });
        MimeMessage report = received[0];
        assertThat(report.getSubject()).isEqualTo("Monthly report for web: " + month + " to " + month.plusMonths(1).minusDays(1));
        assertThat(report.getFrom()[0].toString()).isEqualTo("reports@tax.app");
        List<Part> parts = new ArrayList<>();
        collect(report, parts);
        Part text = parts.stream().filter(p -> isType(p, "text/plain")).findFirst().orElseThrow();
        assertThat((String) text.getContent()).containsPattern("Visitors:\\s+5\\s").containsPattern("Pageviews:\\s+5\\s")
                .containsPattern("Sessions:\\s+5\\s").contains("Top pages");
        Part html = parts.stream().filter(p -> isType(p, "text/html")).findFirst().orElseThrow();
        assertThat((String) html.getContent()).contains("src=\"cid:chart\"", "<b>5</b>");
        Part image = parts.stream().filter(p -> isType(p, "image/png")).findFirst().orElseThrow();
        assertThat(((MimeMessageHelper) () -> image).contentId()).isEqualTo("<chart>");
        try (InputStream png = image.getInputStream()) {
            BufferedImage chart = ImageIO.read(png);
            assertThat(chart.getWidth()).isEqualTo(640);
            assertThat(chart.getHeight()).isEqualTo(260);
        }

        JsonNode schedules = service.dashboard.get("/api/reports", admin).json();
        assertThat(schedules.get(0).get("lastSent").asText()).isEqualTo(month.toString());
        assertThat(service.dashboard.delete("/api/reports/" + id, admin).status()).isEqualTo(204);
        assertThat(service.output).doesNotContain("an smtp secret");
    }

    /** The Content-ID of a MIME part. */
    @FunctionalInterface
    private interface MimeMessageHelper {
        Part part();

        default String contentId() throws jakarta.mail.MessagingException {
            String[] ids = part().getHeader("Content-ID");
            return ids == null ? null : ids[0];
        }
    }

    private static boolean isType(Part part, String type) {
        try {
            return part.isMimeType(type);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Part part, List<Part> into) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, into);
            }
        } else {
            into.add(part);
        }
    }

    private List<JsonNode> releases() {
        HttpJson.Response listed = service.dashboard.get("/api/annotations?" + range, viewer);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        listed.json().forEach(a -> {
            if (a.get("kind").asText().equals("release")) {
                found.add(a);
            }
        });
        return found;
    }

    private static List<String> texts(JsonNode annotations) {
        List<String> texts = new ArrayList<>();
        annotations.forEach(a -> texts.add(a.get("text").asText()));
        return texts;
    }

    private static List<Long> visitors(JsonNode funnel) {
        List<Long> counts = new ArrayList<>();
        funnel.get("steps").forEach(step -> counts.add(step.get("visitors").asLong()));
        return counts;
    }

    private static void assertRefused(HttpJson.Response response, int status, String messagePart) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).containsIgnoringCase(messagePart);
    }

    private LocalDate day(int offset) {
        return month.plusDays(offset);
    }

    private void addAccount(String email, String source) {
        HttpJson.Response created = service.dashboard.post("/api/users", admin, "{\"email\":\"" + email + "\",\"password\":\""
                + PASSWORD + "\",\"role\":\"viewer\",\"sources\":[\"" + source + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private void sendTheDataset() {
        page("a1", day(2) + "T09:00:00Z", "v1");
        track("a1", day(2) + "T09:05:00Z", "v1");
        page("a2", day(2) + "T10:00:00Z", "v1");
        page("a3", day(2) + "T11:00:00Z", "v1");
        page("b1", day(10) + "T12:00:00Z", "v2");
        track("b1", day(10) + "T12:05:00Z", "v2");
        page("b2", day(10) + "T13:00:00Z", "v2");
        track("b2", day(10) + "T13:05:00Z", "v2");
    }

    private void awaitCountedEvents() {
        await("8 events stored", () -> {
            HttpJson.Response overview = service.dashboard.get("/api/stats/overview?" + range, admin);
            return overview.status() == 200 && overview.json().get("events").asLong() >= 8 ? overview : null;
        });
    }

    private void page(String visitor, String timestamp, String release) {
        ObjectNode message = message(visitor, timestamp, release);
        ((ObjectNode) message.get("context")).putObject("page").put("url", "https://tax.app/");
        send("/v1/page", message);
    }

    private void track(String visitor, String timestamp, String release) {
        send("/v1/track", message(visitor, timestamp, release).put("event", "Paid"));
    }

    private ObjectNode message(String visitor, String timestamp, String release) {
        ObjectNode message = HttpJson.JSON.createObjectNode().put("anonymousId", visitor).put("timestamp", timestamp)
                .put("messageId", "board-" + ++messages);
        message.putObject("context").put("ip", "41.90.1.10").put("userAgent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0")
                .put("release", release);
        return message;
    }

    private void send(String path, ObjectNode message) {
        HttpJson.Response response = service.collector.postWithWriteKey(path, AllRoleFixture.WRITE_KEY, message.toString());
        if (response.status() != 200) {
            throw new IllegalStateException(path + " refused an event: " + response.status() + " " + response.body());
        }
    }

    @FunctionalInterface
    private interface Probe<T> {
        T valueOrNull();
    }

    private static <T> T await(String what, Probe<T> probe) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            T value = probe.valueOrNull();
            if (value != null) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
