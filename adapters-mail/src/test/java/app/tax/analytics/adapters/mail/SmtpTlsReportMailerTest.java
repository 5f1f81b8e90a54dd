package app.tax.analytics.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.out.ReportMailer;
import app.tax.analytics.application.port.out.ReportMailer.DailyChart;
import app.tax.analytics.application.port.out.ReportMailer.ReportMail;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mailer over TLS, with a certificate made for this test that names 127.0.0.1 only. Only this test trusts it
 * (through the mailer's package-private socket factory); the default trusts the JVM's trust store, which does not
 * hold it. {@code SMTP_STARTTLS=implicit} (SMTPS) goes to GreenMail's SMTPS server; GreenMail 2.1 offers no STARTTLS,
 * so {@code required} goes through a {@link StartTlsFront} (the JDK's TLS) to GreenMail's plain SMTP server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmtpTlsReportMailerTest {
    private static final String PASSWORD = "the smtps password";
    private static final String KEYSTORE_PASSWORD = "a-test-keystore-password";
    private static final ReportMail MAIL = new ReportMail(List.of("ops@tax.app"), "Weekly report for web over TLS",
            "Visitors: 5\n", "<html><body><b>5</b><img src=\"cid:chart\"></body></html>",
            new DailyChart("Visitors per day, web", List.of(LocalDate.parse("2026-11-02")), List.of(5L)));

    private GreenMail smtps;
    private StartTlsFront startTls;
    private SSLSocketFactory trustingTheTestCertificate;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("smtps.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtps", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();

        // GreenMail reads its TLS key from these properties when its first TLS server starts
        System.setProperty("greenmail.tls.keystore.file", keystore.toString());
        System.setProperty("greenmail.tls.keystore.password", KEYSTORE_PASSWORD);
        System.setProperty("greenmail.tls.key.password", KEYSTORE_PASSWORD);
        smtps = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)});
        smtps.start();
        smtps.setUser("reports@tax.app", "reports", PASSWORD);

        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            server.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        Certificate certificate = server.getCertificate("smtps");
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("smtps", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        trustingTheTestCertificate = tls.getSocketFactory();

        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(server, KEYSTORE_PASSWORD.toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys.getKeyManagers(), null, null);
        startTls = new StartTlsFront(serverTls, smtps.getSmtp().getPort());
    }

    @AfterAll
    void stop() throws Exception {
        if (startTls != null) {
            startTls.close();
        }
        if (smtps != null) {
            smtps.stop();
        }
    }

    @BeforeEach
    void noMessages() throws Exception {
        smtps.purgeEmailFromAllMailboxes();
    }

    private SmtpSettings settings(String host) {
        return new SmtpSettings(host, smtps.getSmtps().getPort(), "reports", PASSWORD, "reports@tax.app",
                SmtpSettings.StartTls.IMPLICIT, Duration.ofSeconds(10));
    }

    @Test
    void requiredStartTlsUpgradesBeforeSigningInAndDelivers() throws Exception {
        SmtpSettings settings = new SmtpSettings("127.0.0.1", startTls.port(), "reports", PASSWORD, "reports@tax.app",
                SmtpSettings.StartTls.REQUIRED, Duration.ofSeconds(10));
        new SmtpReportMailer(settings, trustingTheTestCertificate).send(MAIL);

        MimeMessage[] received = smtps.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Weekly report for web over TLS");
        // nothing but the greeting and the upgrade in plain text: the sign-in and the mail went over TLS
        assertThat(startTls.plainCommands()).hasSize(2).allMatch(command -> command.startsWith("EHLO ") || command.equals("STARTTLS"));
    }

    @Test
    void requiredStartTlsRefusesACertificateOutsideTheJvmTrustStore() {
        SmtpSettings settings = new SmtpSettings("127.0.0.1", startTls.port(), "reports", PASSWORD, "reports@tax.app",
                SmtpSettings.StartTls.REQUIRED, Duration.ofSeconds(10));
        assertThatThrownBy(() -> MailAdapters.smtp(settings).send(MAIL)).isInstanceOf(ReportMailer.MailUnavailableException.class)
                .hasMessageContaining("unable to find valid certification path").hasMessageNotContaining(PASSWORD);
        assertThat(smtps.getReceivedMessages()).isEmpty();
    }

    @Test
    void implicitTlsDeliversTheReportToAServerWithATrustedCertificate() throws Exception {
        new SmtpReportMailer(settings("127.0.0.1"), trustingTheTestCertificate).send(MAIL);

        MimeMessage[] received = smtps.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Weekly report for web over TLS");
        assertThat(received[0].isMimeType("multipart/related")).isTrue();
    }

    @Test
    void byDefaultACertificateOutsideTheJvmTrustStoreIsRefused() {
        ReportMailer mailer = MailAdapters.smtp(settings("127.0.0.1"));
        assertThatThrownBy(() -> mailer.send(MAIL)).isInstanceOf(ReportMailer.MailUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + smtps.getSmtps().getPort()).hasMessageNotContaining(PASSWORD);
        assertThat(smtps.getReceivedMessages()).isEmpty();
    }

    @Test
    void aTrustedCertificateThatDoesNotNameTheHostIsRefused() {
        // the certificate names 127.0.0.1, not "localhost" (which reaches the same server)
        ReportMailer mailer = new SmtpReportMailer(settings("localhost"), trustingTheTestCertificate);
        assertThatThrownBy(() -> mailer.send(MAIL)).isInstanceOf(ReportMailer.MailUnavailableException.class)
                .hasMessageContaining("No name matching localhost found");
        assertThat(smtps.getReceivedMessages()).isEmpty();
    }
}
