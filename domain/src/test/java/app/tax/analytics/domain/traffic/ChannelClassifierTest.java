package app.tax.analytics.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.domain.event.Campaign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelClassifierTest {
    private static final String PAGE_HOST = "tax.example";

    @ParameterizedTest(name = "{0} [{1}/{2}] -> {3}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            // referrer                                   | utm_source  | utm_medium | channel  | referrer domain
            "NULL                                          | NULL        | NULL       | DIRECT   | NULL",
            "''                                            | NULL        | NULL       | DIRECT   | NULL",
            "not a url                                     | NULL        | NULL       | DIRECT   | NULL",
            // self-referrals: the page's own site, with or without www, count as direct
            "https://tax.example/pricing                   | NULL        | NULL       | DIRECT   | NULL",
            "https://www.tax.example/                      | NULL        | NULL       | DIRECT   | NULL",
            "https://TAX.example:443/a                     | NULL        | NULL       | DIRECT   | NULL",
            "https://app.tax.example/                      | NULL        | NULL       | REFERRAL | app.tax.example",
            // search engines, on various TLDs and sub-domains
            "https://www.google.com/                       | NULL        | NULL       | SEARCH   | google.com",
            "https://www.google.co.ke/                     | NULL        | NULL       | SEARCH   | google.co.ke",
            "https://www.google.com.br/url?q=x             | NULL        | NULL       | SEARCH   | google.com.br",
            "https://google.de/                            | NULL        | NULL       | SEARCH   | google.de",
            "https://www.bing.com/search?q=kra             | NULL        | NULL       | SEARCH   | bing.com",
            "https://cn.bing.com/                          | NULL        | NULL       | SEARCH   | cn.bing.com",
            "https://duckduckgo.com/                       | NULL        | NULL       | SEARCH   | duckduckgo.com",
            "https://html.duckduckgo.com/html              | NULL        | NULL       | SEARCH   | html.duckduckgo.com",
            "https://search.yahoo.com/                     | NULL        | NULL       | SEARCH   | search.yahoo.com",
            "https://search.yahoo.co.jp/                   | NULL        | NULL       | SEARCH   | search.yahoo.co.jp",
            "https://yandex.ru/                            | NULL        | NULL       | SEARCH   | yandex.ru",
            "https://www.ecosia.org/                       | NULL        | NULL       | SEARCH   | ecosia.org",
            "https://search.brave.com/                     | NULL        | NULL       | SEARCH   | search.brave.com",
            "android-app://com.google.android.googlequicksearchbox/ | NULL | NULL    | SEARCH   | com.google.android.googlequicksearchbox",
            // look-alikes and non-search services of search companies
            "https://google.example.org/                   | NULL        | NULL       | REFERRAL | google.example.org",
            "https://blog.search.example.com/              | NULL        | NULL       | REFERRAL | blog.search.example.com",
            "https://accounts.google.com/                  | NULL        | NULL       | REFERRAL | accounts.google.com",
            "https://docs.google.com/document/d/1          | NULL        | NULL       | REFERRAL | docs.google.com",
            "https://notgoogle.com/                        | NULL        | NULL       | REFERRAL | notgoogle.com",
            // social networks, including their sub-domains and link shims
            "https://www.facebook.com/                     | NULL        | NULL       | SOCIAL   | facebook.com",
            "https://m.facebook.com/                       | NULL        | NULL       | SOCIAL   | m.facebook.com",
            "https://l.facebook.com/l.php?u=x              | NULL        | NULL       | SOCIAL   | l.facebook.com",
            "https://web.facebook.com/                     | NULL        | NULL       | SOCIAL   | web.facebook.com",
            "https://l.instagram.com/?u=x                  | NULL        | NULL       | SOCIAL   | l.instagram.com",
            "https://t.co/abc                              | NULL        | NULL       | SOCIAL   | t.co",
            "https://x.com/someone                         | NULL        | NULL       | SOCIAL   | x.com",
            "https://www.linkedin.com/feed/                | NULL        | NULL       | SOCIAL   | linkedin.com",
            "https://old.reddit.com/r/kenya                | NULL        | NULL       | SOCIAL   | old.reddit.com",
            "https://out.reddit.com/t3_x                   | NULL        | NULL       | SOCIAL   | out.reddit.com",
            "https://a.b.reddit.com/                       | NULL        | NULL       | SOCIAL   | a.b.reddit.com",
            "https://m.youtube.com/watch?v=1               | NULL        | NULL       | SOCIAL   | m.youtube.com",
            "https://web.whatsapp.com/                     | NULL        | NULL       | SOCIAL   | web.whatsapp.com",
            "https://news.ycombinator.com/                 | NULL        | NULL       | SOCIAL   | news.ycombinator.com",
            "https://mailbox.com/                          | NULL        | NULL       | REFERRAL | mailbox.com",
            "https://notfacebook.com/                      | NULL        | NULL       | REFERRAL | notfacebook.com",
            // webmail
            "https://mail.google.com/mail/u/0/             | NULL        | NULL       | EMAIL    | mail.google.com",
            "https://outlook.live.com/mail/                | NULL        | NULL       | EMAIL    | outlook.live.com",
            "https://mail.yahoo.com/                       | NULL        | NULL       | EMAIL    | mail.yahoo.com",
            "android-app://com.google.android.gm/          | NULL        | NULL       | EMAIL    | com.google.android.gm",
            // plain referrals
            "https://kra.go.ke/en/                         | NULL        | NULL       | REFERRAL | kra.go.ke",
            "http://[2001:db8::1]/                         | NULL        | NULL       | REFERRAL | [2001:db8::1]",
            "https://bücher.de/                            | NULL        | NULL       | REFERRAL | bücher.de",
            // utm_medium decides first: paid, then e-mail, social, search
            "https://www.google.com/                       | google      | cpc        | PAID     | google.com",
            "https://www.facebook.com/                     | facebook    | paid_social | PAID    | facebook.com",
            "NULL                                          | partner     | PPC        | PAID     | NULL",
            "NULL                                          | NULL        | paid       | PAID     | NULL",
            "NULL                                          | NULL        | Paid-Search | PAID    | NULL",
            "NULL                                          | NULL        | display    | PAID     | NULL",
            "NULL                                          | newsletter  | email      | EMAIL    | NULL",
            "NULL                                          | NULL        | ' E-Mail ' | EMAIL    | NULL",
            "NULL                                          | newsletter  | NULL       | EMAIL    | NULL",
            "https://www.google.com/                       | NULL        | email      | EMAIL    | google.com",
            "NULL                                          | partner     | social     | SOCIAL   | NULL",
            "NULL                                          | facebook.com | NULL      | SOCIAL   | NULL",
            "NULL                                          | facebook    | NULL       | SOCIAL   | NULL",
            "NULL                                          | LinkedIn    | NULL       | SOCIAL   | NULL",
            "NULL                                          | NULL        | organic    | SEARCH   | NULL",
            "NULL                                          | google      | NULL       | SEARCH   | NULL",
            // utm_source or utm_medium alone, not known: a referral, never direct
            "NULL                                          | partner-site | NULL      | REFERRAL | NULL",
            "NULL                                          | NULL        | referral   | REFERRAL | NULL",
            "NULL                                          | NULL        | qr-code    | REFERRAL | NULL",
            "https://tax.example/                          | partner     | NULL       | REFERRAL | NULL",
            "https://tax.example/                          | NULL        | cpc        | PAID     | NULL",
            "https://kra.go.ke/                            | partner     | affiliate  | REFERRAL | kra.go.ke"})
    void classifiesReferrerAndUtm(String referrer, String utmSource, String utmMedium, Channel channel, String referrerDomain) {
        Campaign campaign = new Campaign(utmSource, utmMedium, null, null, null);

        TrafficSource traffic = ChannelClassifier.classify(referrer, PAGE_HOST, campaign);

        assertThat(traffic).isEqualTo(new TrafficSource(referrerDomain, channel));
    }

    @Test
    void withoutAPageHostNothingIsASelfReferral() {
        assertThat(ChannelClassifier.classify("https://tax.example/a", null, Campaign.EMPTY))
                .isEqualTo(new TrafficSource("tax.example", Channel.REFERRAL));
    }

    @Test
    void aPageHostWithWwwMatchesTheBareReferrer() {
        assertThat(ChannelClassifier.classify("https://tax.example/", "WWW.tax.example", Campaign.EMPTY))
                .isEqualTo(TrafficSource.DIRECT);
    }

    @Test
    void aMissingCampaignIsNoCampaign() {
        assertThat(ChannelClassifier.classify(null, PAGE_HOST, null)).isEqualTo(TrafficSource.DIRECT);
        assertThat(ChannelClassifier.classify("https://duckduckgo.com/", PAGE_HOST, null).channel()).isEqualTo(Channel.SEARCH);
    }

    @Test
    void channelsHaveLowerCaseWireNames() {
        assertThat(Channel.SEARCH.wireName()).isEqualTo("search");
        assertThat(Channel.fromWire("Social")).contains(Channel.SOCIAL);
        assertThat(Channel.fromWire("organic")).isEmpty();
        assertThat(Channel.fromWire(null)).isEmpty();
    }
}
