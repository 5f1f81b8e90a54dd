package app.tax.analytics.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.port.out.AnnotationStore;
import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.ReportScheduleStore;
import app.tax.analytics.application.port.out.SavedViewStore;
import app.tax.analytics.application.service.ReleaseMarkers;
import app.tax.analytics.domain.board.Annotation;
import app.tax.analytics.domain.board.ReportSchedule;
import app.tax.analytics.domain.board.SavedView;
import app.tax.analytics.domain.enrich.DeviceInfo;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.enrich.GeoLocation;
import app.tax.analytics.domain.event.Campaign;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventContext;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.event.PageInfo;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.FunnelStep;
import app.tax.analytics.domain.traffic.TrafficSource;
import app.tax.analytics.domain.traffic.UrlParts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of the stores of the dashboard's own items (annotations and release markers, saved views, report
 * schedules), which every store fulfils alike: a store's test class extends this one and supplies the hooks, each test
 * starting from empty tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BoardStoreContract {
    private static final Instant NOON = Instant.parse("2026-11-02T12:00:00Z");

    protected abstract AnnotationStore annotations();

    protected abstract SavedViewStore savedViews();

    protected abstract ReportScheduleStore reportSchedules();

    /** The event store beside them, which release markers are made behind. */
    protected abstract EventStore eventStore();

    /** Empties every table (or opens a new, empty store). */
    protected abstract void empty();

    @BeforeEach
    final void startEmpty() {
        empty();
    }

    @Test
    void notesAreListedPerSourceInTheirRangeOldestFirst() {
        Annotation late = note("n-late", "web", NOON.plusSeconds(3600), "Pricing page relaunched");
        Annotation early = note("n-early", "web", NOON, "Newsletter sent: 40% off ünd more");
        Annotation other = note("n-app", "app", NOON, "App store feature");
        Annotation outside = note("n-out", "web", NOON.plus(Duration.ofDays(2)), "later");
        for (Annotation annotation : List.of(late, early, other, outside)) {
            annotations().save(annotation);
        }
        assertThat(annotations().list("web", NOON, NOON.plus(Duration.ofDays(1)))).containsExactly(early, late);
        assertThat(annotations().list("web", NOON.plusMillis(1), NOON.plus(Duration.ofDays(1))))
                .as("from is inclusive, to exclusive").containsExactly(late);
        assertThat(annotations().find("n-app")).contains(other);
        assertThat(annotations().find("nope")).isEmpty();
    }

    @Test
    void aNoteIsReplacedByIdAndRemoved() {
        annotations().save(note("n-1", "web", NOON, "first words"));
        Annotation edited = note("n-1", "web", NOON.plusSeconds(60), "better words");
        annotations().save(edited);
        assertThat(annotations().find("n-1")).contains(edited);

        assertThat(annotations().remove("n-1")).isTrue();
        assertThat(annotations().remove("n-1")).isFalse();
        assertThat(annotations().find("n-1")).isEmpty();
        assertThat(annotations().list("web", NOON.minusSeconds(1), NOON.plus(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void aReleaseMarkerKeepsTheEarliestTimeWhateverTheOrder() {
        annotations().saveRelease(Annotation.release("app", "2.4.0", NOON.plusSeconds(30)));
        annotations().saveRelease(Annotation.release("app", "2.4.0", NOON));
        annotations().saveRelease(Annotation.release("app", "2.4.0", NOON.plusSeconds(90)));

        Annotation marker = annotations().find(Annotation.release("app", "2.4.0", NOON).id()).orElseThrow();
        assertThat(marker.at()).isEqualTo(NOON);
        assertThat(marker.kind()).isEqualTo(Annotation.Kind.RELEASE);
        assertThat(marker.text()).isEqualTo("2.4.0");
        assertThat(annotations().list("app", NOON.minusSeconds(1), NOON.plusSeconds(3600))).containsExactly(marker);
    }

    @Test
    void theProcessorsStoreMakesAMarkerAtTheFirstEventOfEachNewVersion() {
        ReleaseMarkers store = new ReleaseMarkers(eventStore(), annotations());
        store.write(List.of(
                event("m-1", "app", NOON.plusSeconds(10), Map.of("app", Map.of("version", "2.4.0", "build", "77"))),
                event("m-2", "app", NOON, Map.of("app", Map.of("version", "2.4.0"))),
                event("m-3", "web", NOON.plusSeconds(5), Map.of("release", "2026.11.2")),
                event("m-4", "web", NOON.plusSeconds(6), Map.of("library", Map.of("name", "analytics.js")))), "release-batch-1");
        store.write(List.of(event("m-5", "app", NOON.plusSeconds(3600), Map.of("app", Map.of("version", "2.5.0"))),
                event("m-6", "app", NOON.minusSeconds(60), Map.of("app", Map.of("version", "2.4.0")))), "release-batch-2");

        List<Annotation> app = annotations().list("app", NOON.minus(Duration.ofDays(1)), NOON.plus(Duration.ofDays(1)));
        assertThat(app).extracting(Annotation::text, Annotation::at).containsExactly(
                org.assertj.core.groups.Tuple.tuple("2.4.0", NOON.minusSeconds(60)),
                org.assertj.core.groups.Tuple.tuple("2.5.0", NOON.plusSeconds(3600)));
        assertThat(app).allMatch(marker -> marker.kind() == Annotation.Kind.RELEASE && marker.createdBy().equals(Annotation.PROCESSOR));
        assertThat(annotations().list("web", NOON.minus(Duration.ofDays(1)), NOON.plus(Duration.ofDays(1))))
                .extracting(Annotation::text, Annotation::at)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2026.11.2", NOON.plusSeconds(5)));
    }

    @Test
    void segmentsAndFunnelsAreListedPerSourceAndKindByName() {
        SavedView kenya = new SavedView("v-kenya", "web", SavedView.Kind.SEGMENT, "Kenya", "country==KE", null, "ann@tax.app", NOON);
        SavedView mobile = new SavedView("v-mobile", "web", SavedView.Kind.SEGMENT, "Mobile Kenya", "device==mobile;country==KE", null,
                "bob@tax.app", NOON.plusSeconds(1));
        FunnelDefinition signup = new FunnelDefinition(List.of(FunnelStep.page("/"), FunnelStep.page("/pricing"),
                FunnelStep.event("Signed Up: pro")), Duration.ofMinutes(90));
        SavedView funnel = new SavedView("v-funnel", "web", SavedView.Kind.FUNNEL, "Sign-up", "country==KE", signup, "ann@tax.app",
                NOON.plusSeconds(2));
        SavedView elsewhere = new SavedView("v-app", "app", SavedView.Kind.SEGMENT, "Android", "os==Android", null, "ann@tax.app", NOON);
        for (SavedView view : List.of(mobile, funnel, kenya, elsewhere)) {
            savedViews().save(view);
        }
        assertThat(savedViews().list("web", SavedView.Kind.SEGMENT)).containsExactly(kenya, mobile);
        assertThat(savedViews().list("web", SavedView.Kind.FUNNEL)).containsExactly(funnel);
        SavedView stored = savedViews().find("v-funnel").orElseThrow();
        assertThat(stored.funnel()).isEqualTo(signup);
        assertThat(stored).isEqualTo(funnel);
        assertThat(savedViews().list("app", SavedView.Kind.FUNNEL)).isEmpty();
    }

    @Test
    void aViewIsReplacedByIdAndRemoved() {
        savedViews().save(new SavedView("v-1", "web", SavedView.Kind.SEGMENT, "Kenya", "country==KE", null, "ann@tax.app", NOON));
        SavedView renamed = new SavedView("v-1", "web", SavedView.Kind.SEGMENT, "Kenyans", "country==KE", null, "ann@tax.app", NOON);
        savedViews().save(renamed);
        assertThat(savedViews().list("web", SavedView.Kind.SEGMENT)).containsExactly(renamed);
        assertThat(savedViews().remove("v-1")).isTrue();
        assertThat(savedViews().remove("v-1")).isFalse();
        assertThat(savedViews().find("v-1")).isEmpty();
    }

    @Test
    void reportSchedulesKeepTheirRecipientsAndWhatWasLastSent() {
        ReportSchedule weekly = new ReportSchedule("r-1", "web", ReportSchedule.Period.WEEKLY, List.of("a@tax.app", "b@tax.app"),
                "admin@tax.app", NOON, null);
        ReportSchedule monthly = new ReportSchedule("r-2", "app", ReportSchedule.Period.MONTHLY, List.of("c@tax.app"),
                "admin@tax.app", NOON, null);
        reportSchedules().save(weekly);
        reportSchedules().save(monthly);
        assertThat(reportSchedules().list()).containsExactly(monthly, weekly);

        ReportSchedule sent = weekly.sent(LocalDate.parse("2026-10-26"));
        reportSchedules().save(sent);
        assertThat(reportSchedules().find("r-1")).contains(sent);
        assertThat(reportSchedules().remove("r-2")).isTrue();
        assertThat(reportSchedules().remove("r-2")).isFalse();
        assertThat(reportSchedules().list()).containsExactly(sent);
    }

    private static Annotation note(String id, String source, Instant at, String text) {
        return new Annotation(id, source, at, Annotation.Kind.NOTE, text, "ann@tax.app");
    }

    private static EnrichedEvent event(String messageId, String source, Instant at, Map<String, Object> context) {
        EventContext eventContext = new EventContext("10.0.0.1", "test", PageInfo.EMPTY, Campaign.EMPTY, null, null, null, null,
                null, context);
        Event event = new Event(source, EventType.TRACK, messageId, null, "anon-" + messageId, at, at, at, at.plusSeconds(1),
                "Opened", null, null, null, eventContext, Map.of(), Map.of());
        return new EnrichedEvent(event, "anon-" + messageId, "session-" + messageId, GeoLocation.UNKNOWN, DeviceInfo.UNKNOWN,
                UrlParts.EMPTY, TrafficSource.DIRECT, Campaign.EMPTY);
    }
}
