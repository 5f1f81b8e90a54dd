package app.tax.analytics.bootstrap.roles;

import app.tax.analytics.adapters.clickhouse.ClickHouseAdapters;
import app.tax.analytics.adapters.clickhouse.ClickHouseConnection;
import app.tax.analytics.adapters.http.Dependency;
import app.tax.analytics.adapters.http.HttpServers;
import app.tax.analytics.adapters.http.RunningServer;
import app.tax.analytics.adapters.mail.MailAdapters;
import app.tax.analytics.adapters.mail.SmtpSettings;
import app.tax.analytics.adapters.redis.RedisAdapters;
import app.tax.analytics.adapters.redis.RedisConnection;
import app.tax.analytics.application.port.out.ReportMailer;
import app.tax.analytics.bootstrap.config.AuthOptions;
import app.tax.analytics.bootstrap.config.ClickHouseOptions;
import app.tax.analytics.bootstrap.config.CollectorOptions;
import app.tax.analytics.bootstrap.config.ConfigurationException;
import app.tax.analytics.bootstrap.config.HttpOptions;
import app.tax.analytics.bootstrap.config.MailOptions;
import app.tax.analytics.bootstrap.config.RedisOptions;
import app.tax.analytics.bootstrap.config.Values;
import app.tax.analytics.bootstrap.wiring.Metrics;
import app.tax.analytics.bootstrap.wiring.Resources;
import app.tax.analytics.domain.source.WriteKeys;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "dashboard", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The dashboard API and web UI, reading ClickHouse (use the read-only analytics_reader account).",
                "Needs CLICKHOUSE_HOST and JWT_SECRET (at least 32 bytes)."})
public final class DashboardCommand extends RoleCommand {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:PORT}", description = "PORT: HTTP port. Default 4000.")
    String port;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "${env:METRICS_PORT}",
            description = "METRICS_PORT: management port of /metrics, /health and /health/ready (not exposed publicly). Default 9466.")
    String metricsPort;

    @Mixin
    HttpOptions http;
    @Mixin
    AuthOptions auth;
    @Mixin
    ClickHouseOptions clickhouse;
    @Mixin
    MailOptions mail;
    @Mixin
    RedisOptions redis;

    @Option(names = "--allowed-write-keys", paramLabel = "KEYS", defaultValue = "${env:ALLOWED_WRITE_KEYS}",
            showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
            description = "ALLOWED_WRITE_KEYS: optional here; lists configured sources even before they have events.")
    String allowedWriteKeys;

    @Override
    public RunningRole start(PrintStream out) {
        int portNumber = Values.port("PORT", port, 4000);
        int metricsPortNumber = Values.port("METRICS_PORT", metricsPort, 9466);
        byte[] secret = auth.jwtSecret();
        var settings = clickhouse.settings();
        WriteKeys writeKeys = CollectorOptions.parseWriteKeys(allowedWriteKeys);
        Optional<SmtpSettings> smtp = mail.settings();
        if (smtp.isPresent() && !redis.isConfigured()) {
            // Every dashboard replica runs the scheduler; the Redis lock lets one of them send each report.
            throw new ConfigurationException("REDIS_URL is required with SMTP_HOST: the dashboards share a lock in Redis"
                    + " so that one of them sends each report");
        }
        Resources resources = new Resources();
        try {
            PrometheusMeterRegistry registry = Metrics.registry("dashboard", resources);
            ClickHouseConnection connection = resources.add(ClickHouseAdapters.connect(settings));
            List<Dependency> dependencies = new ArrayList<>(List.of(new Dependency("clickhouse", connection::isReady)));
            Optional<ReportMailer> mailer = smtp.map(MailAdapters::smtp);
            BoardWiring board = BoardWiring.of(connection.stats(), connection.annotations(), connection.savedViews(),
                    connection.reportSchedules(), mailer);
            if (mailer.isPresent()) {
                RedisConnection lockConnection = resources.add(RedisAdapters.connect(redis.settings(), Metrics.redisObserver(registry)));
                resources.add(ReportScheduler.start(board.reports(), lockConnection.scheduleLock(), mail.checkEvery()));
            }
            RunningServer server = resources.add(Servers.dashboard(portNumber, http, auth, secret, writeKeys,
                    connection.stats(), connection.users(), connection.apiKeys(), connection.shares(), connection.events(),
                    board.api(), dependencies, registry, false, out));
            RunningServer management = resources.add(HttpServers.healthAndMetrics(metricsPortNumber, dependencies, registry));
            out.println("Dashboard listening on http://localhost:" + server.port() + "; metrics on port " + management.port());
            return new RunningRole(Map.of("dashboard", server.port(), "metrics", management.port()), resources::close);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }
}
