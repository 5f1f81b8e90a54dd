package app.tax.analytics.bootstrap.roles;

import app.tax.analytics.adapters.http.DashboardBoard;
import app.tax.analytics.adapters.http.Dependency;
import app.tax.analytics.adapters.http.HttpServers;
import app.tax.analytics.adapters.http.JwtTokens;
import app.tax.analytics.adapters.http.RunningServer;
import app.tax.analytics.adapters.http.Sharing;
import app.tax.analytics.application.port.out.DailySalts;
import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.PipelineMetrics;
import app.tax.analytics.application.port.out.PublishEvents;
import app.tax.analytics.application.port.out.RateLimiter;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.application.port.out.ApiKeyStore;
import app.tax.analytics.application.port.out.ShareStore;
import app.tax.analytics.application.port.out.TokenCodec;
import app.tax.analytics.application.port.out.UserStore;
import app.tax.analytics.application.service.ApiKeyService;
import app.tax.analytics.application.service.ShareService;
import app.tax.analytics.application.service.AuthenticationService;
import app.tax.analytics.application.service.CollectService;
import app.tax.analytics.application.service.EraseService;
import app.tax.analytics.application.service.PasswordHasher;
import app.tax.analytics.application.service.StatsService;
import app.tax.analytics.application.service.UserService;
import app.tax.analytics.bootstrap.config.AuthOptions;
import app.tax.analytics.bootstrap.config.ConfigurationException;
import app.tax.analytics.bootstrap.config.HttpOptions;
import app.tax.analytics.domain.event.EventParser;
import app.tax.analytics.domain.source.WriteKeys;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/** The collector and dashboard servers, wired the same way by every role that runs them. */
final class Servers {
    private Servers() {
    }

    /** @param salts daily salts of the cookieless visitor ids (events that come without any id) */
    static RunningServer collector(int port, HttpOptions http, WriteKeys writeKeys, PublishEvents queue, RateLimiter limiter,
                                   DailySalts salts, PipelineMetrics metrics, List<Dependency> dependencies,
                                   PrometheusMeterRegistry registry, boolean servesMetrics) {
        if (writeKeys.isEmpty()) {
            throw new ConfigurationException("ALLOWED_WRITE_KEYS is required: the collector accepts events only with a known write key");
        }
        CollectService collect = new CollectService(writeKeys, limiter, queue, new EventParser(), metrics, Clock.systemUTC(), salts);
        return HttpServers.collector(port, http.cors(), http.proxy(), collect, dependencies, registry, servesMetrics);
    }

    /**
     * The dashboard; on first run (no account at all) creates the admin of {@code ADMIN_EMAIL}, with
     * {@code ADMIN_PASSWORD} or a generated password printed once to {@code out}.
     */
    static RunningServer dashboard(int port, HttpOptions http, AuthOptions auth, byte[] jwtSecret, WriteKeys writeKeys,
                                   StatsReader stats, UserStore users, ApiKeyStore apiKeys, ShareStore shares,
                                   EventStore events, DashboardBoard board, List<Dependency> dependencies,
                                   PrometheusMeterRegistry registry, boolean servesMetrics, PrintStream out) {
        Clock clock = Clock.systemUTC();
        PasswordHasher hasher = new PasswordHasher();
        UserService userService = new UserService(users, hasher, clock);
        try {
            userService.ensureFirstAdmin(auth.adminEmail(), auth.adminPassword()).ifPresent(password -> {
                out.println();
                out.println("  Created the first dashboard admin (shown once; change it after signing in):");
                out.println("      e-mail:   " + auth.adminEmail());
                out.println("      password: " + password);
                out.println();
            });
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("ADMIN_EMAIL/ADMIN_PASSWORD: " + e.getMessage());
        }
        TokenCodec tokens = JwtTokens.hs256(jwtSecret);
        AuthenticationService authentication = new AuthenticationService(users, hasher, tokens, auth.tokenLifetime(), clock);
        StatsService statsService = new StatsService(stats, writeKeys, clock);
        ShareService shareService = new ShareService(shares, hasher, tokens, clock);
        Sharing sharing = new Sharing(new ApiKeyService(apiKeys, clock), shareService, shareService);
        return HttpServers.dashboard(port, http.dashboardCors(), http.proxy(), statsService, authentication, userService,
                new EraseService(events), sharing, board, dependencies, registry, servesMetrics);
    }
}
