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

/**
 * {@link ReportMailer} over SMTP: one message to all recipients, {@code multipart/related} of a text/HTML alternative
 * and the chart PNG (inline, {@code Content-ID: <chart>}). Failures name the server, never the password.
 */
final class SmtpReportMailer implements ReportMailer {
    private final SmtpSettings settings;
    private final Session session;

    SmtpReportMailer(SmtpSettings settings) {
        this.settings = Objects.requireNonNull(settings);
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", settings.host());
        properties.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        properties.setProperty("mail.smtp.auth", Boolean.toString(settings.user() != null));
        properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(settings.startTls() != SmtpSettings.StartTls.OFF));
        properties.setProperty("mail.smtp.starttls.required", Boolean.toString(settings.startTls() == SmtpSettings.StartTls.REQUIRED));
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
                    + " did not take the report: " + e.getMessage(), e);
        }
    }
}
