package app.tax.analytics.adapters.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * For tests: an SMTP front on loopback that offers STARTTLS (GreenMail 2.1 does not), upgrades the connection with
 * the JDK's TLS and then relays the session to a plain SMTP server (GreenMail), which signs in and takes the mail.
 * Before the upgrade it answers EHLO and STARTTLS only, and records every command it was sent in plain text.
 */
final class StartTlsFront implements AutoCloseable {
    private final ServerSocket listener;
    private final SSLContext tls;
    private final int backendPort;
    private final List<String> plainCommands = new CopyOnWriteArrayList<>();

    StartTlsFront(SSLContext tls, int backendPort) throws IOException {
        this.tls = tls;
        this.backendPort = backendPort;
        this.listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "starttls-front");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** What the clients sent before TLS. */
    List<String> plainCommands() {
        return List.copyOf(plainCommands);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread session = new Thread(() -> serve(client), "starttls-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            // the client waits for each answer, so this reader holds nothing of the TLS handshake
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            write(out, "220 front ESMTP\r\n");
            while (true) {
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                plainCommands.add(line);
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                if (verb.equals("EHLO")) {
                    write(out, "250-front\r\n250 STARTTLS\r\n");
                } else if (verb.equals("STARTTLS")) {
                    write(out, "220 2.0.0 Ready to start TLS\r\n");
                    break;
                } else if (verb.equals("QUIT")) {
                    write(out, "221 2.0.0 Bye\r\n");
                    return;
                } else {
                    write(out, "530 5.7.0 Must issue a STARTTLS command first\r\n");
                }
            }
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, null, client.getPort(), false);
            secure.setUseClientMode(false);
            secure.startHandshake();
            try (secure; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
                skipGreeting(backend.getInputStream());
                Thread upstream = new Thread(() -> relay(secure, backend), "starttls-upstream");
                upstream.setDaemon(true);
                upstream.start();
                relay(backend, secure);
            }
        } catch (IOException e) {
            // the client gave up (e.g. it refused the certificate): nothing to relay
        }
    }

    /** The backend's own "220" greeting: the client had the front's. */
    private static void skipGreeting(InputStream in) throws IOException {
        int previous = -1;
        for (int next = in.read(); next != -1; next = in.read()) {
            if (previous == '\r' && next == '\n') {
                return;
            }
            previous = next;
        }
        throw new IOException("the backend closed before its greeting");
    }

    private static void relay(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side closed: the session is over
        } finally {
            try {
                to.close();
                from.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write(reply.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
