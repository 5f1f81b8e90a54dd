package app.tax.analytics.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferrerSpamTest {

    @ParameterizedTest(name = "{0} -> spam: {1}")
    @CsvSource({
            "semalt.com, true",
            "www.semalt.com, true",
            "SEMALT.COM, true",
            "semalt.com., true",
            "forum.topic123.darodar.com, true",
            "buttons-for-website.com, true",
            "ilovevitaly.com, true",
            "priceg.com, true",
            "hulfingtonpost.com, true",
            "best-seo-offer.com, true",
            "free-share-buttons.com, true",
            "get-free-traffic-now.com, true",
            // look-alikes and ordinary sites are not spam
            "huffingtonpost.com, false",
            "notsemalt.com, false",
            "semalt.com.example.org, false",
            "google.com, false",
            "com, false",
            "localhost, false",
    })
    void spamDomainsAndTheirSubDomainsAreSpamOthersAreNot(String host, boolean spam) {
        assertThat(ReferrerSpam.isSpam(host)).isEqualTo(spam);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "   ")
    void noReferrerIsNotSpam(String host) {
        assertThat(ReferrerSpam.isSpam(host)).isFalse();
    }

    @Test
    void theListHoldsRegistrableDomainsInLowerCase() {
        assertThat(ReferrerSpam.SPAM_DOMAINS).allSatisfy(domain -> {
            assertThat(domain).isLowerCase().contains(".").doesNotStartWith("www.").doesNotContain("/", ":");
        });
    }
}
