package app.tax.analytics.adapters.http;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Reads request bodies before the routes run, with non-blocking I/O and a deadline, so that a client trickling
 * its body holds no request thread (issue 10, 1). The route then gets the bytes from {@link #body}. A body that
 * is not complete by the deadline is answered 408 here and its connection closed; one that declares more than
 * the limit, or that the server does not want read ({@code wanted}), is left unread for the route to refuse.
 */
final class BodyPrefetch extends HandlerWrapper {
    private static final String BODY = BodyPrefetch.class.getName() + ".body";
    private static final System.Logger LOG = System.getLogger(BodyPrefetch.class.getName());

    private final int limit;
    private final Duration deadline;
    private final ErrorStyle style;
    private final Predicate<HttpServletRequest> wanted;

    /** What the read produced: the bytes, or that there were more than the limit, or that reading failed. */
    sealed interface Outcome {
        record Complete(byte[] bytes) implements Outcome {
        }

        record TooLarge() implements Outcome {
        }

        record Failed() implements Outcome {
        }
    }

    /**
     * @param limit  the largest body any route of the server takes
     * @param wanted whether a request's body is worth reading (e.g. false for an unknown write key in a header)
     */
    BodyPrefetch(int limit, Duration deadline, ErrorStyle style, Predicate<HttpServletRequest> wanted) {
        this.limit = limit;
        this.deadline = deadline;
        this.style = style;
        this.wanted = wanted;
    }

    /** The prefetched body of this request, or null when it was not prefetched. */
    static Outcome body(HttpServletRequest request) {
        return (Outcome) request.getAttribute(BODY);
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, jakarta.servlet.ServletException {
        if (request.getDispatcherType() != DispatcherType.REQUEST || !hasBody(request)
                || request.getContentLengthLong() > limit || !wanted.test(request)) {
            super.handle(target, baseRequest, request, response);
            return;
        }
        // handled here unless dispatched on: Jetty answers 404 for a request no handler marked handled
        baseRequest.setHandled(true);
        AsyncContext async = request.startAsync();
        async.setTimeout(deadline.toMillis());
        Reader reader = new Reader(async, request.getInputStream());
        async.addListener(reader);
        reader.input.setReadListener(reader);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0
                || (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null);
    }

    /** Collects the body as it arrives, then dispatches the request to the routes once. */
    private final class Reader implements ReadListener, AsyncListener {
        private final AsyncContext async;
        private final ServletInputStream input;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[8192];
        private final AtomicBoolean finished = new AtomicBoolean();

        Reader(AsyncContext async, ServletInputStream input) {
            this.async = async;
            this.input = input;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (input.isReady() && !input.isFinished()) {
                int n = input.read(buffer);
                if (n < 0) {
                    break;
                }
                bytes.write(buffer, 0, n);
                if (bytes.size() > limit) {
                    dispatch(new Outcome.TooLarge());
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() {
            dispatch(new Outcome.Complete(bytes.toByteArray()));
        }

        @Override
        public void onError(Throwable failure) {
            if (failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException) {
                timedOut();
            } else if (failure instanceof BadMessageException refused && refused.getCode() == 408) {
                // Jetty's minimum data rate: as late as a missed deadline, so answered the same way
                answer408("the request body arrived at less than " + ServerLimits.MIN_REQUEST_BYTES_PER_SECOND
                        + " bytes per second");
            } else {
                // a vanished client or broken chunking
                dispatch(new Outcome.Failed());
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            timedOut();
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

        private void dispatch(Outcome outcome) {
            if (finished.compareAndSet(false, true)) {
                async.getRequest().setAttribute(BODY, outcome);
                async.dispatch();
            }
        }

        private void timedOut() {
            answer408("the request body did not arrive within " + deadline.toSeconds() + " s");
        }

        /** Answers here: the routes never see a request whose body did not come. */
        private void answer408(String why) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            try {
                HttpServletResponse response = (HttpServletResponse) async.getResponse();
                if (!response.isCommitted()) {
                    response.setStatus(408);
                    response.setHeader("Connection", "close");
                    response.setContentType(Responses.JSON);
                    Map<String, Object> body = style.body(why);
                    response.getOutputStream().write(Json.write(body));
                }
            } catch (IOException | IllegalStateException e) {
                LOG.log(System.Logger.Level.DEBUG, "could not answer a timed-out body: {0}", e.toString());
            } finally {
                async.complete();
            }
        }
    }
}
