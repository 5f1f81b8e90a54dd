package app.tax.analytics.bootstrap.roles;

import app.tax.analytics.bootstrap.config.LoggingOptions;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Mixin;

/** A long-running role: starts, then serves until the process is asked to stop (SIGTERM, Ctrl-C). */
abstract class RoleCommand implements Callable<Integer> {
    @Mixin
    LoggingOptions logging;

    /** Validates all configuration, then opens connections and servers. */
    abstract RunningRole start(PrintStream out);

    @Override
    public Integer call() throws InterruptedException {
        logging.apply();
        RunningRole role = start(System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            role.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
