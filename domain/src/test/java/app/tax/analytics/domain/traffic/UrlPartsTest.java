package app.tax.analytics.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlPartsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            // url                                         | host               | path          | query
            "https://tax.example/pricing?plan=pro           | tax.example        | /pricing      | plan=pro",
            "HTTPS://Tax.EXAMPLE/Pricing                    | tax.example        | /Pricing      | NULL",
            "https://tax.example                            | tax.example        | /             | NULL",
            "https://tax.example?x=1                        | tax.example        | /             | x=1",
            "https://tax.example/a#section-2                | tax.example        | /a            | NULL",
            "https://tax.example/app#/dashboard?tab=1       | tax.example        | /app          | NULL",
            "https://tax.example:8443/a                     | tax.example        | /a            | NULL",
            "https://user:secret@tax.example/a              | tax.example        | /a            | NULL",
            "http://[2001:db8::1]:8080/p?q=1                | [2001:db8::1]      | /p            | q=1",
            "http://192.0.2.10:3000/                        | 192.0.2.10         | /             | NULL",
            "//cdn.tax.example/lib.js                       | cdn.tax.example    | /lib.js       | NULL",
            "/pricing?plan=pro                              | NULL               | /pricing      | plan=pro",
            "tax.example/pricing                            | NULL               | tax.example/pricing | NULL",
            "'  https://tax.example/trimmed  '              | tax.example        | /trimmed      | NULL",
            "https://tax.example/my page?q=a b              | tax.example        | /my page      | q=a%20b",
            "'https://tax.example/a|b'                      | tax.example        | '/a|b'        | NULL",
            "https://tax.example/a%2Fb+c%20d                | tax.example        | /a/b+c d      | NULL",
            "https://tax.example/%E2%82%AC                  | tax.example        | /€            | NULL",
            "https://tax.example/ушуру?jina=Wanjiķu         | tax.example        | /ушуру        | jina=Wanjiķu",
            "https://bücher.de/kasse                        | bücher.de          | /kasse        | NULL",
            "https://例え.jp/パス                            | 例え.jp             | /パス          | NULL",
            "https://my_site.example.com/x                  | my_site.example.com | /x           | NULL",
            "https://tax.example/a%zz?b=%                   | tax.example        | /a%zz         | b=%",
            "https://tax.example/a%20b?x={y}                | tax.example        | /a b          | x={y}",
            "https://User@Tax.Example:99/{x}                | tax.example        | /{x}          | NULL",
            "http://[::1]:8080/{x}                          | [::1]              | /{x}          | NULL",
            "https://tax.example:port/a                     | tax.example        | /a            | NULL",
            "mailto:someone@tax.example                     | NULL               | NULL          | NULL",
            "android-app://com.google.android.gm/           | com.google.android.gm | /          | NULL"})
    void oddUrlsAreReadLeniently(String url, String host, String path, String query) {
        assertThat(UrlParts.parse(url)).isEqualTo(new UrlParts(host, path, query));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void nothingGivesEmptyParts(String url) {
        assertThat(UrlParts.parse(url)).isEqualTo(UrlParts.EMPTY);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {"https://www.tax.example/,tax.example", "https://tax.example/,tax.example",
            "https://wwwtax.example/,wwwtax.example", "https://www2.tax.example/,www2.tax.example", "/relative,NULL"})
    void theDomainDropsOnlyALeadingWww(String url, String domain) {
        assertThat(UrlParts.parse(url).domain()).isEqualTo(domain);
    }

    @Test
    void queryParametersAreDecodedWithPlusAsSpaceAndTheFirstValueWins() {
        UrlParts url = UrlParts.parse("https://tax.example/?utm_campaign=black+friday&q=1%2B1%3D2&utm_campaign=second"
                + "&flag&=nameless&&empty=&name=Wanji%C5%A9&bad=%zz");

        assertThat(url.queryParameters()).containsExactly(
                Map.entry("utm_campaign", "black friday"),
                Map.entry("q", "1+1=2"),
                Map.entry("flag", ""),
                Map.entry("empty", ""),
                Map.entry("name", "Wanjiũ"),
                Map.entry("bad", "%zz"));
    }

    @Test
    void aUrlWithoutQueryHasNoParameters() {
        assertThat(UrlParts.parse("https://tax.example/").queryParameters()).isEmpty();
        assertThat(UrlParts.EMPTY.queryParameters()).isEmpty();
    }
}
