package app.tax.analytics.adapters.mail;

import app.tax.analytics.application.port.out.ReportMailer;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * {@link ReportMailer} over SMTP: one message to all recipients, {@code multipart/related} of a text/HTML alternative
 * and the chart PNG (inline, {@code Content-ID: <chart>}). Failures name the server, never the password. TLS (STARTTLS
 * or implicit) checks the server's certificate and that it names {@code SMTP_HOST}.
 */
final class SmtpReportMailer implements ReportMailer {
    private final SmtpSettings settings;
    private final Session session;

    SmtpReportMailer(SmtpSettings settings) {
        this(settings, null);
    }

    /**
     * @param tlsSockets where TLS sockets come from, for tests that trust their own server's certificate; null: the
     *                   JVM's default (its trust store)
     */
    SmtpReportMailer(SmtpSettings settings, SSLSocketFactory tlsSockets) {
        this.settings = Objects.requireNonNull(settings);
        SmtpSettings.StartTls mode = settings.startTls();
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", settings.host());
        properties.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        properties.setProperty("mail.smtp.auth", Boolean.toString(settings.user() != null));
        properties.setProperty("mail.smtp.ssl.enable", Boolean.toString(mode == SmtpSettings.StartTls.IMPLICIT));
        boolean upgrade = mode == SmtpSettings.StartTls.REQUIRED || mode == SmtpSettings.StartTls.OPTIONAL;
        properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(upgrade));
        properties.setProperty("mail.smtp.starttls.required", Boolean.toString(mode == SmtpSettings.StartTls.REQUIRED));
        // Angus Mail's default too, said here because it is what makes TLS worth having
        properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        if (tlsSockets != null) {
            properties.put("mail.smtp.ssl.socketFactory", tlsSockets);
            // a refused certificate is the answer: no second try with the JVM's sockets
            properties.setProperty("mail.smtp.socketFactory.fallback", "false");
        }
        String millis = Long.toString(settings.timeout().toMillis());
        properties.setProperty("mail.smtp.connectiontimeout", millis);
        properties.setProperty("mail.smtp.timeout", millis);
        properties.setProperty("mail.smtp.writetimeout", millis);
        properties.setProperty("mail.smtp.from", settings.from());
        this.session = Session.getInstance(properties);
    }

    @Override
    public void send(ReportMail mail) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(settings.from()));
            for (String recipient : mail.recipients()) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
            }
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());

            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), StandardCharsets.UTF_8.name());
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
            MimeMultipart alternative = new MimeMultipart("alternative", text, html);
            MimeBodyPart bodies = new MimeBodyPart();
            bodies.setContent(alternative);

            MimeBodyPart chart = new MimeBodyPart();
            chart.setDataHandler(new DataHandler(new ByteArrayDataSource(ChartImage.png(mail.chart()), "image/png")));
            chart.setContentID("<" + CHART_CONTENT_ID + ">");
            chart.setDisposition(MimeBodyPart.INLINE);
            chart.setFileName("chart.png");

            message.setContent(new MimeMultipart("related", bodies, chart));
            message.saveChanges();
            Transport.send(message, settings.user(), settings.password());
        } catch (MessagingException e) {
            throw new MailUnavailableException("the mail server " + settings.host() + ":" + settings.port()
                    + " did not take the report: " + reasonOf(e), e);
        }
    }

    /** The failure and, when it differs, what lies under it (e.g. the certificate a TLS handshake refused). */
    private static String reasonOf(MessagingException failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure || root.getMessage() == null ? failure.getMessage() : failure.getMessage() + ": " + root.getMessage();
    }
}
