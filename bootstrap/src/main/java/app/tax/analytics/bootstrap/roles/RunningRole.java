package app.tax.analytics.bootstrap.roles;

import java.util.Map;
import java.util.Objects;

/** A started role: its bound ports by name ("collector", "dashboard", "metrics") and how to stop it. */
public final class RunningRole implements AutoCloseable {
    private final Map<String, Integer> ports;
    private final Runnable shutdown;
    private boolean closed;

    RunningRole(Map<String, Integer> ports, Runnable shutdown) {
        this.ports = Map.copyOf(ports);
        this.shutdown = Objects.requireNonNull(shutdown);
    }

    public int port(String name) {
        Integer port = ports.get(name);
        if (port == null) {
            throw new IllegalArgumentException("this role serves no '" + name + "' port; it has " + ports.keySet());
        }
        return port;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            shutdown.run();
        }
    }
}
