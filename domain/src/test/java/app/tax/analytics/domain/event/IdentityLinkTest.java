package app.tax.analytics.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdentityLinkTest {
    private static final Instant AT = Instant.parse("2024-05-06T09:06:00Z");

    private static Event event(EventType type, String userId, String anonymousId, String previousId) {
        return new Event("web", type, "m-1", userId, anonymousId, AT, AT, null, AT, type == EventType.TRACK ? "Clicked" : null,
                null, null, previousId, null, null, null);
    }

    @Test
    void anIdentifyWithBothIdsLinksTheAnonymousIdToTheUser() {
        assertThat(IdentityLink.of(event(EventType.IDENTIFY, "user-p", "anon-phone", null)))
                .contains(new IdentityLink("web", "anon-phone", "user-p", AT, "m-1"));
    }

    @Test
    void anAliasLinksThePreviousIdToTheUser() {
        assertThat(IdentityLink.of(event(EventType.ALIAS, "user-new", "anon-1", "user-old")))
                .contains(new IdentityLink("web", "user-old", "user-new", AT, "m-1"));
    }

    @Test
    void otherEventsAndIncompleteOrSelfLinksMakeNone() {
        assertThat(IdentityLink.of(event(EventType.TRACK, "user-p", "anon-phone", null))).as("a track with both ids").isEmpty();
        assertThat(IdentityLink.of(event(EventType.PAGE, "user-p", "anon-phone", "x"))).isEmpty();
        assertThat(IdentityLink.of(event(EventType.IDENTIFY, "user-p", null, null))).as("no anonymousId").isEmpty();
        assertThat(IdentityLink.of(event(EventType.IDENTIFY, null, "anon-phone", null))).as("no userId").isEmpty();
        assertThat(IdentityLink.of(event(EventType.IDENTIFY, "same", "same", null))).as("itself").isEmpty();
        assertThat(IdentityLink.of(event(EventType.ALIAS, "user-new", null, " "))).as("blank previousId").isEmpty();
    }

    @Test
    void aLinkNeedsBothIdsAndNotTheSameTwice() {
        assertThatThrownBy(() -> new IdentityLink("web", "u", "u", AT, "m")).hasMessageContaining("itself");
        assertThatThrownBy(() -> new IdentityLink("web", " ", "u", AT, "m")).hasMessageContaining("linkedId");
        assertThatThrownBy(() -> new IdentityLink("web", "a", "u", null, "m")).hasMessageContaining("linkedAt");
    }
}
