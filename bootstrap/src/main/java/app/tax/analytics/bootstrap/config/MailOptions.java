package app.tax.analytics.bootstrap.config;

import app.tax.analytics.adapters.mail.SmtpSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** E-mail reports: the SMTP server (none: no reports) and how often the scheduler looks for due ones. */
public final class MailOptions {
    @Option(names = "--smtp-host", paramLabel = "HOST", defaultValue = "${env:SMTP_HOST}",
            description = "SMTP_HOST: mail server of the e-mail reports; unset: no reports.")
    String host;

    @Option(names = "--smtp-port", paramLabel = "PORT", defaultValue = "${env:SMTP_PORT}",
            description = "SMTP_PORT: its port. Default 587 (submission with STARTTLS); 465 with SMTP_STARTTLS=implicit.")
    String port;

    @Option(names = "--smtp-user", paramLabel = "USER", defaultValue = "${env:SMTP_USER}",
            description = "SMTP_USER: sign-in name at the mail server, with SMTP_PASSWORD; unset: no sign-in.")
    String user;

    @Option(names = "--smtp-password", paramLabel = "PASSWORD", defaultValue = "${env:SMTP_PASSWORD}", showDefaultValue = Visibility.NEVER,
            description = "SMTP_PASSWORD: its password (never logged).")
    String password;

    @Option(names = "--smtp-from", paramLabel = "EMAIL", defaultValue = "${env:SMTP_FROM}",
            description = "SMTP_FROM: sender address of the reports; required with SMTP_HOST.")
    String from;

    @Option(names = "--smtp-starttls", paramLabel = "MODE", defaultValue = "${env:SMTP_STARTTLS}",
            description = "SMTP_STARTTLS: required (default: refuse to send without it), optional, off, or implicit (no STARTTLS: TLS from the first byte, SMTPS).")
    String startTls;

    @Option(names = "--report-check-seconds", paramLabel = "S", defaultValue = "${env:REPORT_CHECK_SECONDS}",
            description = "REPORT_CHECK_SECONDS: how often the dashboard looks for due e-mail reports. Default 300.")
    String checkSeconds;

    public boolean isConfigured() {
        return Values.isSet(host);
    }

    /** The server's settings; empty without {@code SMTP_HOST}. */
    public Optional<SmtpSettings> settings() {
        if (!isConfigured()) {
            Map<String, String> given = new LinkedHashMap<>();
            given.put("SMTP_PORT", port);
            given.put("SMTP_USER", user);
            given.put("SMTP_PASSWORD", password);
            given.put("SMTP_FROM", from);
            given.put("SMTP_STARTTLS", startTls);
            given.values().removeIf(value -> !Values.isSet(value));
            if (!given.isEmpty()) {
                throw new ConfigurationException("SMTP_HOST is required with " + String.join(", ", given.keySet())
                        + " (or unset them: no e-mail reports)");
            }
            return Optional.empty();
        }
        String sender = Values.required("SMTP_FROM", from, "(the reports' sender address) with SMTP_HOST");
        boolean hasUser = Values.isSet(user);
        if (hasUser != Values.isSet(password)) {
            throw new ConfigurationException("SMTP_USER and SMTP_PASSWORD go together: set both or neither");
        }
        SmtpSettings.StartTls mode;
        String modeName = Values.text(startTls, "required").strip().toUpperCase(Locale.ROOT);
        try {
            mode = SmtpSettings.StartTls.valueOf(modeName);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("SMTP_STARTTLS must be required, optional, off or implicit, got '" + startTls + "'");
        }
        int portNumber = Values.port("SMTP_PORT", port, mode.defaultPort());
        try {
            return Optional.of(new SmtpSettings(host.strip(), portNumber, hasUser ? user : null, hasUser ? password : null,
                    sender.strip(), mode, Duration.ofSeconds(30)));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    public Duration checkEvery() {
        return Duration.ofSeconds(Values.integer("REPORT_CHECK_SECONDS", checkSeconds, 300, 1, 24 * 3600));
    }
}
