package app.tax.analytics.bootstrap.admin;

import app.tax.analytics.application.service.EraseService;
import app.tax.analytics.bootstrap.config.ConfigurationException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "erase", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Erases every event of a person (a data-subject request under the Kenya DPA or GDPR):",
                "all events with the given userId and/or anonymousId, in one source or in all of them.",
                "With ClickHouse, use an account that may delete (not analytics_reader)."})
public final class EraseCommand implements Callable<Integer> {
    @Mixin
    StoreAccess storeAccess;

    @Option(names = "--user-id", paramLabel = "ID", description = "The person's userId.")
    String userId;

    @Option(names = "--anonymous-id", paramLabel = "ID", description = "The person's anonymousId (give both when known).")
    String anonymousId;

    @Option(names = "--source", paramLabel = "NAME", description = "Only this source; default every source.")
    String source;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (isBlank(userId) && isBlank(anonymousId)) {
            throw new ConfigurationException("give --user-id and/or --anonymous-id");
        }
        try (StoreAccess.OpenStore store = storeAccess.open()) {
            long erased = new EraseService(store.events()).erase(source, userId, anonymousId);
            spec.commandLine().getOut().println("erased " + erased + " events");
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
