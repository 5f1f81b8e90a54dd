package app.tax.analytics.bootstrap.admin;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.bootstrap.Main;
import app.tax.analytics.testsupport.geoip.GeoIp2CityDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The geoip-update command's settings and failures (the download itself: adapters-geoip's GeoIpUpdateTest). */
class GeoIpUpdateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void maxMindsUrlNeedsTheLicenseKey(@TempDir Path folder) {
        int status = run("geoip-update", "--maxmind-db-path=" + folder.resolve("GeoLite2-City.mmdb"), "--license-key=",
                "--download-url=", "--checksum-url=");

        assertThat(status).isEqualTo(Main.CONFIGURATION_ERROR);
        assertThat(err.toString()).contains("MAXMIND_LICENSE_KEY is required");
    }

    @Test
    void aFailedDownloadSaysWhyInOneLineWithoutTheKeyAndLeavesTheFile(@TempDir Path folder) throws IOException {
        Path target = GeoIp2CityDatabase.sample().writeTo(folder.resolve("GeoLite2-City.mmdb"));
        byte[] before = Files.readAllBytes(target);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        int status = run("geoip-update", "--maxmind-db-path=" + target, "--license-key=SECRET-LICENSE-KEY", "--checksum-url=",
                "--download-url=http://127.0.0.1:" + closedPort + "/geoip_download?license_key={license_key}&suffix=tar.gz");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString().strip().lines()).singleElement().asString()
                .startsWith("geoip-update: downloading the checksum from http://127.0.0.1:" + closedPort + "/geoip_download failed")
                .endsWith(target + " is unchanged")
                .doesNotContain("SECRET-LICENSE-KEY");
        assertThat(Files.readAllBytes(target)).isEqualTo(before);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theChecksumIsFoundBesideTheArchive() {
        assertThat(GeoIpUpdateCommand.checksumUrlOf(GeoIpUpdateCommand.MAXMIND_URL))
                .isEqualTo("https://download.maxmind.com/app/geoip_download?edition_id=GeoLite2-City&license_key={license_key}"
                        + "&suffix=tar.gz.sha256");
        assertThat(GeoIpUpdateCommand.checksumUrlOf("https://mirror.example/GeoLite2-City.tar.gz"))
                .isEqualTo("https://mirror.example/GeoLite2-City.tar.gz.sha256");
    }

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
