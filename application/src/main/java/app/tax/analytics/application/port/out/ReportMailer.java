package app.tax.analytics.application.port.out;

import java.util.List;
import java.util.Objects;

/** Sends report e-mails (SMTP in production). */
public interface ReportMailer {
    /**
     * @throws MailUnavailableException when the server refused or could not be reached; the report is tried again later
     */
    void send(ReportMail mail);

    /** One e-mail: a plain-text body, an HTML body showing {@code chartPng} inline, and the chart as an image part. */
    record ReportMail(List<String> recipients, String subject, String text, String html, byte[] chartPng) {
        public ReportMail {
            recipients = List.copyOf(recipients);
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(html, "html");
            Objects.requireNonNull(chartPng, "chartPng");
        }
    }

    /** The mail server did not take the message. */
    final class MailUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MailUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
