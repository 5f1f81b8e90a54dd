package app.tax.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.testing.RecordingEventStore;
import app.tax.analytics.application.testing.RecordingEventStore.Erasure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EraseServiceTest {
    private final RecordingEventStore store = new RecordingEventStore();
    private final EraseService erase = new EraseService(store);

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "web,  user-1, NULL,   web,  user-1, NULL",
            "NULL, NULL,   anon-1, NULL, NULL,   anon-1",
            "web,  ' ',    anon-1, web,  NULL,   anon-1",
            "web,  user-1, '',     web,  user-1, NULL",
            "app,  user-1, anon-1, app,  user-1, anon-1"})
    void blankIdsAreLeftOutAndTheStoresCountReturned(String source, String userId, String anonymousId,
                                                     String erasedSource, String erasedUser, String erasedAnonymous) {
        store.eraseReturns(17);

        assertThat(erase.erase(source, userId, anonymousId)).isEqualTo(17);
        assertThat(store.erasures()).containsExactly(new Erasure(erasedSource, erasedUser, erasedAnonymous));
    }

    @Test
    void anIdIsRequired() {
        assertThatThrownBy(() -> erase.erase("web", " ", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("userId or anonymousId is required");
        assertThatThrownBy(() -> erase.erase(null, null, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.erasures()).isEmpty();
    }
}
