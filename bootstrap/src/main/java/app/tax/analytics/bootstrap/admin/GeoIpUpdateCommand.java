package app.tax.analytics.bootstrap.admin;

import app.tax.analytics.adapters.geoip.GeoIpDownload;
import app.tax.analytics.bootstrap.config.ConfigurationException;
import app.tax.analytics.bootstrap.config.Values;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "geoip-update", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Downloads the GeoLite2-City database, checks its SHA-256 and replaces MAXMIND_DB_PATH atomically.",
                "Running processors pick up the new file within a minute, without a restart. Run it weekly (MaxMind",
                "publishes twice a week); the alert GeoIpDatabaseOutdated fires when the database is over 30 days old."})
public final class GeoIpUpdateCommand implements Callable<Integer> {
    static final String LICENSE_KEY_PLACEHOLDER = "{license_key}";
    static final String MAXMIND_URL = "https://download.maxmind.com/app/geoip_download?edition_id=GeoLite2-City&license_key="
            + LICENSE_KEY_PLACEHOLDER + "&suffix=tar.gz";

    @Option(names = "--maxmind-db-path", paramLabel = "FILE", defaultValue = "${env:MAXMIND_DB_PATH}",
            description = "MAXMIND_DB_PATH: the .mmdb file to replace (its folder must be writable).")
    String maxmindDbPath;

    @Option(names = "--license-key", paramLabel = "KEY", defaultValue = "${env:MAXMIND_LICENSE_KEY}",
            description = "MAXMIND_LICENSE_KEY: your MaxMind license key; replaces " + LICENSE_KEY_PLACEHOLDER + " in the URLs.")
    String licenseKey;

    @Option(names = "--download-url", paramLabel = "URL", defaultValue = "${env:GEOIP_DOWNLOAD_URL}",
            description = "GEOIP_DOWNLOAD_URL: the .tar.gz to download. Default MaxMind's GeoLite2-City permalink.")
    String downloadUrl;

    @Option(names = "--checksum-url", paramLabel = "URL", defaultValue = "${env:GEOIP_CHECKSUM_URL}",
            description = "GEOIP_CHECKSUM_URL: its SHA-256 file. Default: the download URL with suffix=tar.gz.sha256"
                    + " (or .sha256 appended).")
    String checksumUrl;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path target = Path.of(Values.required("MAXMIND_DB_PATH", maxmindDbPath, "to know which file to replace"));
        String archiveTemplate = Values.text(downloadUrl, MAXMIND_URL);
        String checksumTemplate = Values.isSet(checksumUrl) ? checksumUrl : checksumUrlOf(archiveTemplate);
        URI archive = uri("GEOIP_DOWNLOAD_URL", withKey(archiveTemplate));
        URI checksum = uri("GEOIP_CHECKSUM_URL", withKey(checksumTemplate));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        GeoIpDownload.Installed installed;
        try {
            installed = GeoIpDownload.install(http, archive, checksum, target);
        } catch (IOException e) {
            // One line (the messages never hold the license key); the file in place is unchanged.
            spec.commandLine().getErr().println("geoip-update: " + e.getMessage() + "; " + target + " is unchanged");
            spec.commandLine().getErr().flush();
            return 1;
        }
        var out = spec.commandLine().getOut();
        out.println("installed " + installed.file() + " (built " + installed.buildTime() + ", sha256 " + installed.sha256() + ")");
        out.flush();
        return 0;
    }

    /** MaxMind serves the checksum at the same URL with {@code suffix=tar.gz.sha256}. */
    static String checksumUrlOf(String archiveUrl) {
        return archiveUrl.contains("suffix=tar.gz") ? archiveUrl.replace("suffix=tar.gz", "suffix=tar.gz.sha256") : archiveUrl + ".sha256";
    }

    private String withKey(String template) {
        if (!template.contains(LICENSE_KEY_PLACEHOLDER)) {
            return template;
        }
        String key = Values.required("MAXMIND_LICENSE_KEY", licenseKey, "to download from MaxMind (a free account gives one)");
        return template.replace(LICENSE_KEY_PLACEHOLDER, URLEncoder.encode(key, StandardCharsets.UTF_8));
    }

    private static URI uri(String variable, String value) {
        try {
            URI uri = new URI(value);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new ConfigurationException(variable + " must be an http(s) URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            // The value may hold the license key: say where, not what.
            throw new ConfigurationException(variable + " is not a valid URL (at index " + e.getIndex() + ")");
        }
    }
}
