package app.tax.analytics.adapters.mail;

import app.tax.analytics.application.port.out.ReportMailer;

/** Creates the mail adapters; the implementations are package-private. */
public final class MailAdapters {
    private MailAdapters() {
    }

    /** Report e-mails through the SMTP server of {@code settings}. */
    public static ReportMailer smtp(SmtpSettings settings) {
        return new SmtpReportMailer(settings);
    }
}
