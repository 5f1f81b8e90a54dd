package app.tax.analytics.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubjectTest {
    @Test
    void blankIdsCountAsNotGivenAndOneIsRequired() {
        assertThat(new Subject("web", " ", "anon-1")).isEqualTo(new Subject("web", null, "anon-1"));
        assertThat(new Subject(null, "user-1", "")).isEqualTo(new Subject(null, "user-1", null));
        assertThat(new Subject("", "user-1", null).source()).isEmpty();
        assertThatThrownBy(() -> new Subject("web", " ", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("userId or anonymousId is required");
        assertThatThrownBy(() -> new Subject(null, null, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
