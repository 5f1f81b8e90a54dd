package app.tax.analytics.adapters.useragent;

import app.tax.analytics.application.port.out.UserAgentParser;

/** User agent parsers. */
public final class UserAgents {
    private UserAgents() {
    }

    /**
     * The Yauaa-based parser, shared by the whole process and built on first use.
     *
     * <p>Building it loads Yauaa's rule set: several seconds of CPU (5–8 s on a busy 2-core machine)
     * and about 135 MB of heap that stays for the life of the process. Call it once at startup (not
     * on the first event) so that cost is paid before traffic arrives. It is thread-safe; Yauaa
     * serializes uncached parses internally, and a cache answers repeated user agents without that.
     */
    public static UserAgentParser yauaa() {
        return SharedYauaaParser.INSTANCE;
    }

    /** Holder idiom: the analyzer is built when {@link #yauaa()} first runs, once, without locking. */
    private static final class SharedYauaaParser {
        static final UserAgentParser INSTANCE = new YauaaUserAgentParser();
    }
}
