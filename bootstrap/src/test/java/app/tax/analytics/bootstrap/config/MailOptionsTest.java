package app.tax.analytics.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.adapters.mail.SmtpSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The SMTP settings from the options; every option is given, so that the machine's environment cannot change them. */
class MailOptionsTest {
    private static SmtpSettings settings(String startTls, String port) {
        MailOptions options = CommandLine.populateCommand(new MailOptions(), "--smtp-host=mail.tax.app", "--smtp-from=r@tax.app",
                "--smtp-user=", "--smtp-password=", "--report-check-seconds=", "--smtp-starttls=" + startTls, "--smtp-port=" + port);
        return options.settings().orElseThrow();
    }

    @Test
    void starttlsIsRequiredOnTheSubmissionPortByDefault() {
        SmtpSettings settings = settings("", "");
        assertThat(settings.startTls()).isEqualTo(SmtpSettings.StartTls.REQUIRED);
        assertThat(settings.port()).isEqualTo(587);
    }

    @Test
    void implicitTlsDefaultsToTheSmtpsPort() {
        SmtpSettings settings = settings("implicit", "");
        assertThat(settings.startTls()).isEqualTo(SmtpSettings.StartTls.IMPLICIT);
        assertThat(settings.port()).isEqualTo(465);
        assertThat(settings("implicit", "2465").port()).isEqualTo(2465);
    }
}
