/** E-mail reports ({@code ReportMailer}) over SMTP, with their chart drawn as a PNG. */
module app.tax.analytics.adapters.mail {
    requires app.tax.analytics.application;
    requires jakarta.mail;
    requires java.desktop;

    exports app.tax.analytics.adapters.mail;
}
