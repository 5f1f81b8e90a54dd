package app.tax.analytics.bootstrap;

import app.tax.analytics.bootstrap.admin.BenchCommand;
import app.tax.analytics.bootstrap.admin.EraseCommand;
import app.tax.analytics.bootstrap.admin.GeoIpUpdateCommand;
import app.tax.analytics.bootstrap.admin.MigrateCommand;
import app.tax.analytics.bootstrap.admin.UsersCommand;
import app.tax.analytics.bootstrap.config.ConfigurationException;
import app.tax.analytics.bootstrap.roles.AllCommand;
import app.tax.analytics.bootstrap.roles.CollectorCommand;
import app.tax.analytics.bootstrap.roles.DashboardCommand;
import app.tax.analytics.bootstrap.roles.ProcessorCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code java -jar analytics.jar <role>}: every role of the service from one jar. */
@Command(name = "analytics", mixinStandardHelpOptions = true, version = "analytics 0.1.0",
        description = "Self-hosted, Segment-compatible product analytics.",
        subcommands = {AllCommand.class, CollectorCommand.class, ProcessorCommand.class, DashboardCommand.class,
                MigrateCommand.class, GeoIpUpdateCommand.class, UsersCommand.class, EraseCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for invalid configuration (picocli uses 2 for usage errors too). */
    public static final int CONFIGURATION_ERROR = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        // A later option overrides an earlier one, as in most CLIs (handy for scripts that add overrides).
        CommandLine commandLine = new CommandLine(new Main()).setOverwrittenOptionsAllowed(true);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            Throwable cause = exception;
            while (!(cause instanceof ConfigurationException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof ConfigurationException) {
                line.getErr().println("analytics: invalid configuration: " + cause.getMessage());
                line.getErr().flush();
                return CONFIGURATION_ERROR;
            }
            throw exception;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = commandLine().execute(args);
        } catch (RuntimeException | Error e) {
            // A start-up failure must end the process even if some thread (a worker, a server) has started.
            org.slf4j.LoggerFactory.getLogger(Main.class).error("analytics stopped: {}", e.toString(), e);
            exitCode = 1;
        }
        // Long-running roles return only after shutdown; the others finish here.
        System.exit(exitCode);
    }
}
