package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.AccessDeniedException;
import app.tax.analytics.application.port.in.Authenticate;
import app.tax.analytics.application.port.in.Authenticate.LoginOutcome;
import app.tax.analytics.application.port.in.EraseSubject;
import app.tax.analytics.application.port.in.LastAdminException;
import app.tax.analytics.application.port.in.ManageUsers;
import app.tax.analytics.application.port.in.QueryStats;
import app.tax.analytics.application.port.in.TooManyAttemptsException;
import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.domain.stats.BreakdownRow;
import app.tax.analytics.domain.stats.Comparison;
import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.FunnelStep;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.InvalidQueryException;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.MetricList;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.stats.TimeseriesPoint;
import app.tax.analytics.domain.user.DashboardUser;
import app.tax.analytics.domain.user.Role;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The dashboard API of docs/ARCHITECTURE.md, "Dashboard API": login, then bearer-token reads for every role and admin-only account management. */
final class DashboardRoutes {
    static final String ALLOWED_METHODS = "GET, POST, DELETE";
    static final String ALLOWED_HEADERS = "Content-Type, Authorization";
    static final String EXPOSED_HEADERS = "Retry-After, Content-Disposition";
    /** Login and password bodies are a few short strings. */
    static final int MAX_FORM_BYTES = 16 * 1024;
    /** Longer than any token we issue; bounds the work a garbage header can cause. */
    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final int DEFAULT_BREAKDOWN_LIMIT = 10;
    private static final long DEFAULT_FUNNEL_WINDOW_MINUTES = 60;
    private static final Duration STORE_RETRY_AFTER = Duration.ofSeconds(5);

    private final QueryStats stats;
    private final Authenticate auth;
    private final ManageUsers users;
    private final EraseSubject erase;
    private final ProxyPolicy proxy;

    DashboardRoutes(QueryStats stats, Authenticate auth, ManageUsers users, EraseSubject erase, ProxyPolicy proxy) {
        this.stats = Objects.requireNonNull(stats);
        this.auth = Objects.requireNonNull(auth);
        this.users = Objects.requireNonNull(users);
        this.erase = Objects.requireNonNull(erase);
        this.proxy = Objects.requireNonNull(proxy);
    }

    void register(Javalin app, ApiRoutes routes) {
        // signed-in answers hold private numbers: no cache may keep them
        app.before("/api/*", ctx -> ctx.header("Cache-Control", "no-store"));
        app.exception(InvalidQueryException.class, (e, ctx) -> ErrorStyle.PLAIN.respond(ctx, 400, e.getMessage()));
        app.exception(TooManyAttemptsException.class, (e, ctx) -> ErrorStyle.PLAIN.respond(ctx,
                new HttpFailure(429, e.getMessage(), e.retryAfter())));
        app.exception(AccessDeniedException.class, (e, ctx) -> ErrorStyle.PLAIN.respond(ctx, 403, e.getMessage()));
        app.exception(StoreUnavailableException.class, (e, ctx) -> ErrorStyle.PLAIN.respond(ctx,
                new HttpFailure(503, "the analytics store is unavailable; retry later", STORE_RETRY_AFTER)));

        // Every route but login is signedIn (any role; stats check the source) or admin.
        routes.post("/api/auth/login", this::login)
                .post("/api/auth/password", signedIn(this::changePassword))
                .get("/api/me", signedIn(this::me))
                .get("/api/sources", signedIn(this::sources))
                .get("/api/stats/overview", signedIn(this::overview))
                .get("/api/stats/timeseries", signedIn(this::timeseries))
                .get("/api/stats/breakdown", signedIn(this::breakdown))
                .post("/api/stats/funnel", signedIn(this::funnel))
                .get("/api/stats/retention", signedIn(this::retention))
                .get("/api/stats/realtime", signedIn(this::realtime))
                .get("/api/stats/freshness", signedIn(this::freshness))
                .get("/api/users", admin(this::listUsers))
                .post("/api/users", admin(this::addUser))
                .delete("/api/users/{email}", admin(this::removeUser))
                .post("/api/admin/erase", admin(this::erase));
    }

    /** An endpoint for a signed-in user. */
    @FunctionalInterface
    private interface UserHandler {
        void handle(Context ctx, DashboardUser user) throws Exception;
    }

    private Handler signedIn(UserHandler handler) {
        return ctx -> handler.handle(ctx, user(ctx));
    }

    /** An endpoint for admins only: a viewer gets 403. */
    private Handler admin(UserHandler handler) {
        return ctx -> {
            DashboardUser user = user(ctx);
            if (user.role() != Role.ADMIN) {
                throw new AccessDeniedException("only an admin may do this");
            }
            handler.handle(ctx, user);
        };
    }

    /** The signed-in account of a request, else a 401; the board routes authenticate through this too. */
    DashboardUser user(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new HttpFailure(401, "sign in first: send Authorization: Bearer <token> from /api/auth/login");
        }
        String token = authorization.substring(7).strip();
        Optional<DashboardUser> user = token.isEmpty() || token.length() > MAX_TOKEN_LENGTH
                ? Optional.empty() : auth.userFor(token);
        if (user.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw new HttpFailure(401, "the token is invalid or expired; sign in again");
        }
        return user.get();
    }

    private void login(Context ctx) {
        Map<String, Object> form = Json.readObject(BodyReader.read(ctx, MAX_FORM_BYTES), "the body");
        LoginOutcome outcome = auth.login(requiredText(form, "email"), requiredText(form, "password"),
                ClientAddress.of(ctx, proxy));
        if (outcome instanceof LoginOutcome.LoggedIn loggedIn) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("token", loggedIn.token());
            body.put("expiresAt", loggedIn.expiresAt().toString());
            Responses.json(ctx, 200, body);
        } else if (outcome instanceof LoginOutcome.InvalidCredentials) {
            throw new HttpFailure(401, "wrong e-mail or password");
        } else if (outcome instanceof LoginOutcome.Throttled throttled) {
            throw new HttpFailure(429, "too many failed sign-ins; wait before trying again", throttled.retryAfter());
        } else {
            throw new IllegalStateException("unknown outcome " + outcome.getClass().getSimpleName());
        }
    }

    private void changePassword(Context ctx, DashboardUser user) {
        Map<String, Object> form = Json.readObject(BodyReader.read(ctx, MAX_FORM_BYTES), "the body");
        String current = requiredText(form, "currentPassword");
        String replacement = requiredText(form, "newPassword");
        try {
            users.changePassword(user.email(), current, replacement);
        } catch (IllegalArgumentException e) {
            // the service words the problem: wrong current password, or a too weak new one
            throw new HttpFailure(400, e.getMessage());
        }
        ctx.status(204);
    }

    private void sources(Context ctx, DashboardUser user) {
        List<Map<String, Object>> sources = new ArrayList<>();
        for (String name : stats.sources(user)) {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("id", name);
            source.put("name", name);
            sources.add(source);
        }
        Responses.json(ctx, 200, sources);
    }

    private void overview(Context ctx, DashboardUser user) {
        QueryParameters parameters = QueryParameters.parse(ctx.queryString());
        StatsQuery query = query(parameters);
        Comparison comparison = Comparison.parseForOverview(parameters.get("compare"), parameters.get("compareFrom"),
                parameters.get("compareTo"), query.zone());
        Responses.json(ctx, 200, StatsRendering.overview(stats.overview(user, query, comparison)));
    }

    private void timeseries(Context ctx, DashboardUser user) {
        QueryParameters parameters = QueryParameters.parse(ctx.queryString());
        StatsQuery query = query(parameters);
        String intervalName = parameters.get("interval", "day");
        Interval interval = Interval.fromWire(intervalName).orElseThrow(() ->
                new InvalidQueryException("interval", "unknown '" + intervalName + "'; one of hour, day, week, month"));
        Set<Metric> metrics = MetricList.parseSeries(parameters.get("metrics"));
        boolean csv = wantsCsv(parameters);
        String filename = "timeseries-" + interval.wireName();
        Optional<Comparison> comparison = Comparison.parseForSeries(parameters.get("compare"), parameters.get("compareFrom"),
                parameters.get("compareTo"), query.zone());
        if (comparison.isPresent()) {
            QueryStats.ComparedTimeseries series = stats.timeseriesCompared(user, query, interval, metrics, comparison.get());
            if (csv) {
                csv(ctx, filename, StatsRendering.timeseriesCsv(metrics, series));
            } else {
                Responses.json(ctx, 200, StatsRendering.timeseries(interval, metrics, series));
            }
            return;
        }
        List<TimeseriesPoint> points = stats.timeseries(user, query, interval, metrics);
        if (csv) {
            csv(ctx, filename, StatsRendering.timeseriesCsv(metrics, points));
        } else {
            Responses.json(ctx, 200, StatsRendering.timeseries(interval, metrics, points));
        }
    }

    private void breakdown(Context ctx, DashboardUser user) {
        QueryParameters parameters = QueryParameters.parse(ctx.queryString());
        StatsQuery query = query(parameters);
        Dimension dimension = Dimension.parse(parameters.get("dimension"));
        Set<Metric> metrics = MetricList.parse(parameters.get("metrics"));
        int limit = wholeNumber(parameters, "limit", DEFAULT_BREAKDOWN_LIMIT);
        boolean csv = wantsCsv(parameters);
        List<BreakdownRow> rows = stats.breakdown(user, query, dimension, metrics, limit);
        if (csv) {
            csv(ctx, "breakdown-" + dimension.wireName(), StatsRendering.breakdownCsv(metrics, rows));
        } else {
            Responses.json(ctx, 200, StatsRendering.breakdown(dimension, metrics, rows));
        }
    }

    /**
     * Body {@code {"steps":[{"page":"/pricing"},{"screen":"Income"},{"event":"Signed Up"},...],"windowMinutes":60}}; the range,
     * zone and filters are query parameters as for every stats read.
     */
    private void funnel(Context ctx, DashboardUser user) {
        StatsQuery query = query(QueryParameters.parse(ctx.queryString()));
        FunnelDefinition funnel = funnelDefinition(Json.readObject(BodyReader.read(ctx, MAX_FORM_BYTES), "the body"));
        Responses.json(ctx, 200, StatsRendering.funnel(stats.funnel(user, query, funnel)));
    }

    /** {@code steps} and {@code windowMinutes} (default 60) of a funnel body; also read by saved funnels and marker comparisons. */
    static FunnelDefinition funnelDefinition(Map<String, Object> body) {
        Object windowValue = body.getOrDefault("windowMinutes", DEFAULT_FUNNEL_WINDOW_MINUTES);
        if (!(windowValue instanceof Integer || windowValue instanceof Long)) {
            throw new InvalidQueryException("windowMinutes", "must be a whole number of minutes");
        }
        long minutes = ((Number) windowValue).longValue();
        // checked before it becomes a Duration, which overflows for minutes near Long.MAX_VALUE
        if (minutes < 1 || minutes > FunnelDefinition.MAX_WINDOW.toMinutes()) {
            throw new InvalidQueryException("windowMinutes", "must be 1-" + FunnelDefinition.MAX_WINDOW.toMinutes());
        }
        return new FunnelDefinition(funnelSteps(body.get("steps")), Duration.ofMinutes(minutes));
    }

    private static List<FunnelStep> funnelSteps(Object value) {
        String shape = "{\"page\": path}, {\"screen\": name} or {\"event\": name}";
        if (!(value instanceof List<?> items)) {
            throw new InvalidQueryException("steps", "is required: a list of " + shape);
        }
        List<FunnelStep> steps = new ArrayList<>();
        for (Object item : items) {
            String position = "step " + (steps.size() + 1);
            boolean oneField = item instanceof Map<?, ?> step && step.size() == 1;
            Map.Entry<?, ?> field = oneField ? ((Map<?, ?>) item).entrySet().iterator().next() : null;
            Optional<FunnelStep.Kind> kind = field == null ? Optional.empty() : Arrays.stream(FunnelStep.Kind.values())
                    .filter(k -> k.wireName().equals(field.getKey())).findFirst();
            if (kind.isEmpty() || !(field.getValue() instanceof String text)) {
                throw new InvalidQueryException("steps", position + " must be " + shape);
            }
            try {
                steps.add(new FunnelStep(kind.get(), text));
            } catch (IllegalArgumentException e) {
                throw new InvalidQueryException("steps", position + ": " + e.getMessage());
            }
        }
        return steps;
    }

    private void retention(Context ctx, DashboardUser user) {
        QueryParameters parameters = QueryParameters.parse(ctx.queryString());
        StatsQuery query = query(parameters);
        String periodName = parameters.get("period", "week");
        Interval period = Interval.fromWire(periodName).filter(p -> p != Interval.HOUR).orElseThrow(() ->
                new InvalidQueryException("period", "unknown '" + periodName + "'; one of day, week, month"));
        Responses.json(ctx, 200, StatsRendering.retention(stats.retention(user, query, period)));
    }

    /** Late events and "complete up to" for the query's range and filters (docs/STATS.md, "Late events"). */
    private void freshness(Context ctx, DashboardUser user) {
        Responses.json(ctx, 200, StatsRendering.freshness(stats.freshness(user, query(QueryParameters.parse(ctx.queryString())))));
    }

    private void realtime(Context ctx, DashboardUser user) {
        String source = QueryParameters.parse(ctx.queryString()).get("source");
        if (source == null || source.isBlank()) {
            throw new InvalidQueryException("source", "is required");
        }
        Responses.json(ctx, 200, StatsRendering.realtime(stats.realtime(user, source.strip())));
    }

    /** The signed-in account; {@code sources} empty means every source. */
    private void me(Context ctx, DashboardUser user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", user.email());
        body.put("role", user.role().wireName());
        body.put("sources", user.sources().stream().sorted().toList());
        Responses.json(ctx, 200, body);
    }

    private void listUsers(Context ctx, DashboardUser admin) {
        Responses.json(ctx, 200, users.list().stream().sorted(Comparator.comparing(DashboardUser::email))
                .map(DashboardRoutes::account).toList());
    }

    /** Body {@code {"email","password","role":"admin"|"viewer","sources":[...]}}; sources optional (all). */
    private void addUser(Context ctx, DashboardUser admin) {
        Map<String, Object> form = Json.readObject(BodyReader.read(ctx, MAX_FORM_BYTES), "the body");
        String roleName = requiredText(form, "role");
        Role role = Role.fromWire(roleName).orElseThrow(() -> new HttpFailure(400, "role: unknown '" + roleName + "'; admin or viewer"));
        Set<String> sources = new LinkedHashSet<>();
        Object listed = form.get("sources");
        if (listed != null) {
            if (!(listed instanceof List<?> names) || !names.stream().allMatch(n -> n instanceof String text && !text.isBlank())) {
                throw new HttpFailure(400, "sources: must be a list of source names");
            }
            names.forEach(name -> sources.add(((String) name).strip()));
        }
        DashboardUser created;
        try {
            created = users.add(requiredText(form, "email"), requiredText(form, "password"), role, sources);
        } catch (IllegalArgumentException e) {
            // the service words the problem: not an e-mail, taken, too weak a password
            throw new HttpFailure(400, e.getMessage());
        }
        Responses.json(ctx, 201, account(created));
    }

    private void removeUser(Context ctx, DashboardUser admin) {
        String email = ctx.pathParam("email");
        boolean removed;
        try {
            removed = users.remove(email);
        } catch (LastAdminException e) {
            throw new HttpFailure(409, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new HttpFailure(400, e.getMessage());
        }
        if (!removed) {
            throw new HttpFailure(404, "no account with e-mail " + email);
        }
        ctx.status(204);
    }

    /** Body {@code {"userId"} or {"anonymousId"} (or both), "source" optional (every source)}. */
    private void erase(Context ctx, DashboardUser admin) {
        Map<String, Object> form = Json.readObject(BodyReader.read(ctx, MAX_FORM_BYTES), "the body");
        String source = optionalText(form, "source");
        long erased;
        try {
            erased = erase.erase(source, optionalText(form, "userId"), optionalText(form, "anonymousId"));
        } catch (IllegalArgumentException e) {
            throw new HttpFailure(400, e.getMessage());
        }
        Responses.json(ctx, 200, Map.of("erased", erased));
    }

    /** What the API shows of an account: never its password hash. */
    private static Map<String, Object> account(DashboardUser user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", user.email());
        body.put("role", user.role().wireName());
        body.put("sources", user.sources().stream().sorted().toList());
        body.put("createdAt", user.createdAt().toString());
        return body;
    }

    static StatsQuery query(QueryParameters parameters) {
        return StatsQuery.parse(parameters.get("source"), parameters.get("from"), parameters.get("to"),
                parameters.get("tz"), parameters.get("filters"));
    }

    private static boolean wantsCsv(QueryParameters parameters) {
        String format = parameters.get("format", "json").strip();
        if (format.equals("csv")) {
            return true;
        }
        if (format.equals("json")) {
            return false;
        }
        throw new InvalidQueryException("format", "unknown '" + format + "'; json or csv");
    }

    private static int wholeNumber(QueryParameters parameters, String name, int fallback) {
        String text = parameters.get(name, null);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidQueryException(name, "'" + text + "' is not a whole number");
        }
    }

    private static void csv(Context ctx, String name, String csv) {
        String filename = name.replaceAll("[^A-Za-z0-9_-]", "_") + ".csv";
        ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        ctx.status(200).contentType("text/csv; charset=utf-8").result(csv);
    }

    /** A string field that may be absent or null; blank counts as absent. */
    static String optionalText(Map<String, Object> form, String field) {
        Object value = form.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new HttpFailure(400, field + ": must be a string");
        }
        return text.isBlank() ? null : text.strip();
    }

    static String requiredText(Map<String, Object> form, String field) {
        Object value = form.get(field);
        if (!(value instanceof String text) || text.isEmpty()) {
            throw new HttpFailure(400, field + ": is required (a string)");
        }
        return text;
    }
}
