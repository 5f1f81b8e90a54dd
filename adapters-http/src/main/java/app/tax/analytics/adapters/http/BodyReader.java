package app.tax.analytics.adapters.http;

import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body into memory, never further than a limit: a declared {@code Content-Length} over the
 * limit is refused unread, a chunked body is cut off at the limit, and a gzip body is limited by its
 * decompressed size (so a small "gzip bomb" cannot inflate into memory). Bodies come from {@link BodyPrefetch},
 * which read them without blocking a thread, when it did.
 */
final class BodyReader {

    private BodyReader() {
    }

    /**
     * @throws HttpFailure 413 over {@code limit} bytes, 415 for an unsupported {@code Content-Encoding},
     *                     400 for a body that cannot be read or decompressed
     */
    static byte[] read(Context ctx, int limit) {
        long declaredLength = ctx.req().getContentLengthLong();
        if (declaredLength > limit) {
            throw tooLarge(limit);
        }
        boolean gzip = isGzip(ctx.header("Content-Encoding"));
        BodyPrefetch.Outcome prefetched = BodyPrefetch.body(ctx.req());
        if (prefetched instanceof BodyPrefetch.Outcome.TooLarge) {
            throw tooLarge(limit);
        }
        if (prefetched instanceof BodyPrefetch.Outcome.Failed) {
            throw new HttpFailure(400, "the request body could not be read");
        }
        byte[] body;
        try (InputStream raw = new CappedInputStream(prefetched instanceof BodyPrefetch.Outcome.Complete complete
                ? new ByteArrayInputStream(complete.bytes()) : ctx.req().getInputStream(), limit);
             InputStream decoded = gzip ? new GZIPInputStream(raw) : raw) {
            body = decoded.readNBytes(limit + 1);
        } catch (CappedInputStream.LimitExceeded e) {
            throw tooLarge(limit);
        } catch (ZipException e) {
            throw new HttpFailure(400, "the body is not valid gzip (Content-Encoding: gzip)");
        } catch (EOFException e) {
            throw new HttpFailure(400, gzip ? "the gzip body ended early" : "the body ended early");
        } catch (IOException | RuntimeException e) {
            // the container reports broken chunking or a vanished client this way
            throw new HttpFailure(400, "the request body could not be read");
        }
        if (body.length > limit) {
            throw tooLarge(limit);
        }
        return body;
    }

    private static boolean isGzip(String contentEncoding) {
        if (contentEncoding == null) {
            return false;
        }
        String encoding = contentEncoding.strip().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity")) {
            return false;
        }
        if (encoding.equals("gzip") || encoding.equals("x-gzip")) {
            return true;
        }
        throw new HttpFailure(415, "Content-Encoding '" + abbreviate(contentEncoding) + "' is not supported; send gzip or no encoding");
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static HttpFailure tooLarge(int limit) {
        return new HttpFailure(413, "the request body is larger than " + limit + " bytes");
    }

    /** Fails as soon as more than {@code limit} bytes have come through. */
    private static final class CappedInputStream extends FilterInputStream {
        private final long limit;
        private long count;

        CappedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            // never ask for more than one byte past the limit
            long room = limit + 1 - count;
            int n = super.read(buffer, offset, (int) Math.min(length, Math.max(1, room)));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, Math.max(1, limit + 1 - count)));
            count(skipped);
            return skipped;
        }

        private void count(long n) throws LimitExceeded {
            count += n;
            if (count > limit) {
                throw new LimitExceeded();
            }
        }

        /** An IOException so that it passes unchanged through decompressing streams. */
        static final class LimitExceeded extends IOException {
            private static final long serialVersionUID = 1L;
        }
    }
}
