package app.tax.analytics.adapters.mail;

import java.time.Duration;
import java.util.Objects;

/**
 * Where report e-mails go: {@code SMTP_HOST}, {@code SMTP_PORT}, {@code SMTP_USER} / {@code SMTP_PASSWORD} (both or
 * neither), {@code SMTP_FROM}, and whether the connection must be upgraded with STARTTLS ({@code SMTP_STARTTLS}). The
 * password never appears in {@link #toString()}.
 */
public record SmtpSettings(String host, int port, String user, String password, String from, StartTls startTls, Duration timeout) {
    public enum StartTls {
        /** Refuse to send unless the server upgrades the connection (the default). */
        REQUIRED,
        /** Upgrade when the server offers it. */
        OPTIONAL,
        /** Never upgrade (a server on the same host or network only). */
        OFF
    }

    public SmtpSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("SMTP_HOST is required");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("SMTP_PORT must be 1-65535");
        }
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException("SMTP_USER and SMTP_PASSWORD go together");
        }
        if (from == null || !from.contains("@")) {
            throw new IllegalArgumentException("SMTP_FROM must be an e-mail address");
        }
        Objects.requireNonNull(startTls, "startTls");
        Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + (user == null ? "" : ", user " + user + ", password ***") + ", from " + from
                + ", STARTTLS " + startTls + "]";
    }
}
