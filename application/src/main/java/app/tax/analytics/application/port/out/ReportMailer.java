package app.tax.analytics.application.port.out;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** Sends report e-mails (SMTP in production), each with a chart image the mailer draws. */
public interface ReportMailer {
    /** The {@code cid:} the HTML body uses to show the chart image. */
    String CHART_CONTENT_ID = "chart";

    /**
     * @throws MailUnavailableException when the server refused the message or could not be reached; the report is
     *         tried again later
     */
    void send(ReportMail mail);

    /** One e-mail: a plain-text body, an HTML body that shows the chart as {@code cid:chart}, and the chart's numbers. */
    record ReportMail(List<String> recipients, String subject, String text, String html, DailyChart chart) {
        public ReportMail {
            recipients = List.copyOf(recipients);
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(html, "html");
            Objects.requireNonNull(chart, "chart");
        }
    }

    /** A bar per day. */
    record DailyChart(String title, List<LocalDate> days, List<Long> values) {
        public DailyChart {
            Objects.requireNonNull(title, "title");
            days = List.copyOf(days);
            values = List.copyOf(values);
            if (days.size() != values.size()) {
                throw new IllegalArgumentException("one value per day");
            }
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
