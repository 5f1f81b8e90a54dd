package app.tax.analytics.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.out.ReportMailer;
import app.tax.analytics.application.port.out.ReportMailer.DailyChart;
import app.tax.analytics.application.port.out.ReportMailer.ReportMail;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SMTP mailer against a real SMTP server in this JVM (GreenMail), which signs the sender in. */
class SmtpReportMailerTest {
    private static final String PASSWORD = "the smtp password";
    private static final DailyChart CHART = new DailyChart("Visitors per day, web",
            List.of(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-03"), LocalDate.parse("2026-11-04")), List.of(5L, 0L, 2L));
    private static final ReportMail MAIL = new ReportMail(List.of("ops@tax.app"), "Weekly report for web: ünd more",
            "Visitors: 5\n", "<html><body><b>5</b><img src=\"cid:chart\"></body></html>", CHART);

    private GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        smtp.setUser("reports@tax.app", "reports", PASSWORD);
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private SmtpSettings settings(String password, SmtpSettings.StartTls startTls) {
        return new SmtpSettings("127.0.0.1", smtp.getSmtp().getPort(), "reports", password, "reports@tax.app", startTls,
                Duration.ofSeconds(10));
    }

    @Test
    void theMessageHasBothBodiesAndTheChartAsAnInlinePng() throws Exception {
        MailAdapters.smtp(settings(PASSWORD, SmtpSettings.StartTls.OFF)).send(MAIL);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage message = received[0];
        assertThat(message.getSubject()).isEqualTo("Weekly report for web: ünd more");
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("ops@tax.app");
        assertThat(message.isMimeType("multipart/related")).isTrue();
        List<Part> parts = new ArrayList<>();
        collect(message, parts);
        assertThat(parts).extracting(part -> part.getContentType().split(";")[0].toLowerCase())
                .containsExactly("text/plain", "text/html", "image/png");
        assertThat(((String) parts.get(0).getContent()).strip()).isEqualTo("Visitors: 5");
        Part image = parts.get(2);
        assertThat(image.getHeader("Content-ID")).containsExactly("<" + ReportMailer.CHART_CONTENT_ID + ">");
        assertThat(image.getDisposition()).isEqualTo(Part.INLINE);
        try (InputStream png = image.getInputStream()) {
            BufferedImage chart = ImageIO.read(png);
            assertThat(chart.getWidth()).isEqualTo(ChartImage.WIDTH);
            assertThat(chart.getHeight()).isEqualTo(ChartImage.HEIGHT);
            // the first day's bar, the highest, reaches near the top of the plot; the empty day has none
            int slot = (ChartImage.WIDTH - 16 - 40) / 3;
            assertThat(chart.getRGB(40 + slot / 2, 60) & 0xffffff).isEqualTo(0x2f6feb);
            assertThat(chart.getRGB(40 + slot + slot / 2, 200) & 0xffffff).isEqualTo(0xffffff);
        }
    }

    @Test
    void aRefusedSignInIsAFailureThatNamesTheServerButNotThePassword() {
        ReportMailer mailer = MailAdapters.smtp(settings("a wrong password", SmtpSettings.StartTls.OFF));
        assertThatThrownBy(() -> mailer.send(MAIL)).isInstanceOf(ReportMailer.MailUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + smtp.getSmtp().getPort()).hasMessageNotContaining("a wrong password");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void requiredStartTlsRefusesAServerThatDoesNotOfferIt() {
        // this GreenMail server offers no STARTTLS: the password must not go over the plain connection
        ReportMailer mailer = MailAdapters.smtp(settings(PASSWORD, SmtpSettings.StartTls.REQUIRED));
        assertThatThrownBy(() -> mailer.send(MAIL)).isInstanceOf(ReportMailer.MailUnavailableException.class)
                .hasMessageContaining("STARTTLS");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void theSettingsNeverShowThePassword() {
        assertThat(settings(PASSWORD, SmtpSettings.StartTls.REQUIRED).toString()).doesNotContain(PASSWORD).contains("***");
    }

    private static void collect(Part part, List<Part> into) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), into);
            }
        } else {
            into.add(part);
        }
    }
}
