package app.tax.analytics.adapters.mail;

import java.time.Duration;
import java.util.Objects;

/**
 * Where report e-mails go: {@code SMTP_HOST}, {@code SMTP_PORT}, {@code SMTP_USER} / {@code SMTP_PASSWORD} (both or
 * neither), {@code SMTP_FROM}, and how the connection is encrypted ({@code SMTP_STARTTLS}: upgraded with STARTTLS, or
 * TLS from the first byte). The server's certificate is checked against the JVM's trust store and {@code SMTP_HOST}.
 * The password never appears in {@link #toString()}.
 */
public record SmtpSettings(String host, int port, String user, String password, String from, StartTls startTls, Duration timeout) {
    public enum StartTls {
        /** Refuse to send unless the server upgrades the connection (the default). */
        REQUIRED,
        /** Upgrade when the server offers it. */
        OPTIONAL,
        /** Never upgrade (a server on the same host or network only). */
        OFF,
        /** No STARTTLS: TLS from the first byte ("SMTPS", RFC 8314 implicit TLS, usually port 465). */
        IMPLICIT;

        /** The port a server usually listens on for this mode: 465 for implicit TLS, 587 (submission) otherwise. */
        public int defaultPort() {
            return this == IMPLICIT ? 465 : 587;
        }
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
