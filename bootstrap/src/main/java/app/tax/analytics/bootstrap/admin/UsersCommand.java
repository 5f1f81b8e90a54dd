package app.tax.analytics.bootstrap.admin;

import app.tax.analytics.application.service.PasswordHasher;
import app.tax.analytics.application.service.UserService;
import app.tax.analytics.bootstrap.config.ConfigurationException;
import app.tax.analytics.bootstrap.config.Values;
import app.tax.analytics.domain.user.DashboardUser;
import app.tax.analytics.domain.user.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Dashboard accounts, in the configured store (ClickHouse, or DuckDB under DATA_DIR).",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Remove.class})
public final class UsersCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static UserService service(StoreAccess.OpenStore store) {
        return new UserService(store.users(), new PasswordHasher(), Clock.systemUTC());
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds an account. The password is read from standard input (first line), never from the command line.")
    static final class Add implements Callable<Integer> {
        @Mixin
        StoreAccess storeAccess;
        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;
        @Option(names = "--role", paramLabel = "ROLE", defaultValue = "viewer", description = "admin or viewer. Default viewer.")
        String role;
        @Option(names = "--sources", paramLabel = "NAMES", description = "Comma-separated sources a viewer may read; default all.")
        String sources;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Role parsedRole = Role.fromWire(role).orElseThrow(() -> new ConfigurationException("--role must be admin or viewer, got '" + role + "'"));
            if (System.console() != null) {
                spec.commandLine().getOut().print("Password for " + email + " (at least 12 characters): ");
                spec.commandLine().getOut().flush();
            }
            String password = System.console() != null ? new String(System.console().readPassword())
                    : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            try (StoreAccess.OpenStore store = storeAccess.open()) {
                DashboardUser user = service(store).add(email, password, parsedRole, new LinkedHashSet<>(Values.list(sources)));
                spec.commandLine().getOut().println("added " + user.email() + " (" + user.role().wireName() + ")");
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the accounts.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        StoreAccess storeAccess;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (StoreAccess.OpenStore store = storeAccess.open()) {
                for (DashboardUser user : service(store).list()) {
                    spec.commandLine().getOut().printf("%-40s %-7s %s%n", user.email(), user.role().wireName(),
                            user.sources().isEmpty() ? "all sources" : String.join(",", user.sources()));
                }
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes an account.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        StoreAccess storeAccess;
        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (StoreAccess.OpenStore store = storeAccess.open()) {
                if (!service(store).remove(email)) {
                    throw new ConfigurationException("no account with e-mail " + email);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage());
            }
            spec.commandLine().getOut().println("removed " + email);
            return 0;
        }
    }
}
