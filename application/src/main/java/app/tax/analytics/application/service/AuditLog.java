package app.tax.analytics.application.service;

import app.tax.analytics.domain.enrich.IpAnonymization;

/**
 * Who signed in, who failed to and what changed in the accounts, on the {@code app.tax.analytics.audit}
 * logger, one INFO line each. Never a password, hash or token; client addresses truncated (IPv4 /24,
 * IPv6 /48) and account names as typed are cut to a short length.
 */
final class AuditLog {
    private static final System.Logger LOG = System.getLogger("app.tax.analytics.audit");
    private static final int MAX_ACCOUNT_CHARS = 80;

    private AuditLog() {
    }

    static void signedIn(String account, String clientIp) {
        log("sign-in: " + shown(account) + " from " + network(clientIp));
    }

    static void signInFailed(String account, String clientIp) {
        log("sign-in failed: " + shown(account) + " from " + network(clientIp));
    }

    static void signInThrottled(String account, String clientIp) {
        log("sign-in refused (too many failures): " + shown(account) + " from " + network(clientIp));
    }

    static void accountChanged(String what, String account) {
        log("account " + what + ": " + shown(account));
    }

    /** A key or share created or removed: {@code about} is a key's public id or a share's source, never a secret. */
    static void accessChanged(String what, String about) {
        log(what + ": " + shown(about));
    }

    private static void log(String line) {
        LOG.log(System.Logger.Level.INFO, line);
    }

    /** The e-mail as typed, without line breaks (no forged log lines) and bounded. */
    private static String shown(String account) {
        if (account == null || account.isBlank()) {
            return "(none)";
        }
        String oneLine = account.strip().replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= MAX_ACCOUNT_CHARS ? oneLine : oneLine.substring(0, MAX_ACCOUNT_CHARS) + "…";
    }

    private static String network(String clientIp) {
        String truncated = IpAnonymization.TRUNCATE.apply(clientIp);
        return truncated == null ? "an unknown address" : truncated;
    }
}
