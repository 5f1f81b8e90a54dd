package app.tax.analytics.domain.event;

import static app.tax.analytics.domain.event.Json.arr;
import static app.tax.analytics.domain.event.Json.obj;
import static app.tax.analytics.domain.event.Json.with;
import static app.tax.analytics.domain.event.Json.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventParserTest {
    private static final Instant RECEIVED_AT = Instant.parse("2026-03-10T12:00:00Z");
    private static final Envelope ENVELOPE = new Envelope("web", RECEIVED_AT, "203.0.113.9", Map.of());

    private final AtomicInteger generatedIds = new AtomicInteger();
    private final EventParser parser = new EventParser(() -> "generated-" + generatedIds.incrementAndGet());

    /** The least each type needs, sent to its own endpoint. */
    static Map<String, Object> minimal(EventType type) {
        Map<String, Object> message = obj("userId", "user-1", "messageId", "m-1");
        switch (type) {
            case TRACK:
                message.put("event", "Signed Up");
                break;
            case GROUP:
                message.put("groupId", "acme");
                break;
            case ALIAS:
                message.put("previousId", "anon-7");
                break;
            default:
                break;
        }
        return message;
    }

    private ParseResult parse(Map<String, Object> message, EventType impliedType) {
        return parser.parse(message, impliedType, ENVELOPE);
    }

    private Event parsed(Map<String, Object> message, EventType impliedType) {
        ParseResult result = parse(message, impliedType);
        assertThat(result).as("parse result of %s", message).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).event();
    }

    private Event parsed(Map<String, Object> message, EventType impliedType, Envelope envelope) {
        ParseResult result = parser.parse(message, impliedType, envelope);
        assertThat(result).as("parse result of %s", message).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).event();
    }

    private List<FieldError> errors(Map<String, Object> message, EventType impliedType) {
        ParseResult result = parse(message, impliedType);
        assertThat(result).as("parse result of %s", message).isInstanceOf(ParseResult.Invalid.class);
        return ((ParseResult.Invalid) result).errors();
    }

    private FieldError onlyError(Map<String, Object> message, EventType impliedType) {
        List<FieldError> errors = errors(message, impliedType);
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    @Nested
    class Types {
        @ParameterizedTest
        @EnumSource(EventType.class)
        void everyTypeIsAcceptedAtItsOwnEndpointWithoutATypeField(EventType type) {
            Event event = parsed(minimal(type), type);

            assertThat(event.type()).isEqualTo(type);
            assertThat(event.source()).isEqualTo("web");
            assertThat(event.receivedAt()).isEqualTo(RECEIVED_AT);
        }

        @ParameterizedTest
        @EnumSource(EventType.class)
        void everyTypeIsAcceptedAsABatchItemThatNamesItsType(EventType type) {
            Event event = parsed(with(minimal(type), "type", type.wireName()), null);

            assertThat(event.type()).isEqualTo(type);
        }

        @Test
        void theTypeFieldMayRepeatTheEndpointsType() {
            assertThat(parsed(with(minimal(EventType.PAGE), "type", "page"), EventType.PAGE).type()).isEqualTo(EventType.PAGE);
        }

        @Test
        void typeNamesAreCaseInsensitive() {
            assertThat(parsed(with(minimal(EventType.IDENTIFY), "type", " Identify "), null).type()).isEqualTo(EventType.IDENTIFY);
        }

        @Test
        void aBatchItemWithoutTypeIsRejectedListingTheTypes() {
            FieldError error = onlyError(minimal(EventType.PAGE), null);

            assertThat(error.field()).isEqualTo("type");
            assertThat(error.problem()).contains("required", "track", "page", "screen", "identify", "group", "alias");
        }

        @Test
        void anUnknownTypeIsRejectedByName() {
            FieldError error = onlyError(with(minimal(EventType.PAGE), "type", "pageview"), null);

            assertThat(error.field()).isEqualTo("type");
            assertThat(error.problem()).contains("unknown type 'pageview'");
        }

        @Test
        void aTypeThatIsNotAStringIsRejected() {
            FieldError error = onlyError(with(minimal(EventType.PAGE), "type", 3), null);

            assertThat(error.field()).isEqualTo("type");
            assertThat(error.problem()).contains("must be a string");
        }

        @Test
        void aTypeOtherThanTheEndpointsIsRejected() {
            FieldError error = onlyError(with(minimal(EventType.TRACK), "type", "track"), EventType.PAGE);

            assertThat(error).hasToString("type: 'track' sent to the page endpoint");
        }

        @Test
        void aLongUnknownTypeIsAbbreviatedInTheMessage() {
            String longType = "x".repeat(500);

            FieldError error = onlyError(with(minimal(EventType.PAGE), "type", longType), null);

            assertThat(error.problem()).contains("x".repeat(40) + "…").doesNotContain("x".repeat(41));
        }

        @Test
        void abbreviatingNeverSplitsACharacterOutsideTheBasicPlane() {
            String type = "a".repeat(39) + "🧾🧾🧾";

            FieldError error = onlyError(with(minimal(EventType.PAGE), "type", type), null);

            assertThat(error.problem()).contains("a".repeat(39) + "🧾…");
            assertThat(hasLoneSurrogate(error.problem())).isFalse();
        }

        @Test
        void trackNeedsAnEventName() {
            for (Object missing : new Object[] {null, "", "   "}) {
                FieldError error = onlyError(with(minimal(EventType.TRACK), "event", missing), EventType.TRACK);
                assertThat(error.field()).isEqualTo("event");
                assertThat(error.problem()).contains("required for a track call");
            }
        }

        @Test
        void groupNeedsAGroupId() {
            assertThat(onlyError(without(minimal(EventType.GROUP), "groupId"), EventType.GROUP))
                    .hasToString("groupId: required for a group call");
        }

        @Test
        void aliasNeedsAPreviousId() {
            assertThat(onlyError(without(minimal(EventType.ALIAS), "previousId"), EventType.ALIAS))
                    .hasToString("previousId: required for an alias call");
        }

        @Test
        void typeSpecificFieldsAreKept() {
            Event track = parsed(minimal(EventType.TRACK), EventType.TRACK);
            Event group = parsed(minimal(EventType.GROUP), EventType.GROUP);
            Event alias = parsed(minimal(EventType.ALIAS), EventType.ALIAS);
            Event page = parsed(with(minimal(EventType.PAGE), "name", "Pricing"), EventType.PAGE);

            assertThat(track.event()).isEqualTo("Signed Up");
            assertThat(group.groupId()).isEqualTo("acme");
            assertThat(alias.previousId()).isEqualTo("anon-7");
            assertThat(page.name()).isEqualTo("Pricing");
            assertThat(page.event()).isNull();
        }

        @Test
        void aNameThatIsNotAStringIsRejected() {
            assertThat(onlyError(with(minimal(EventType.PAGE), "name", 12), EventType.PAGE))
                    .hasToString("name: must be a string");
        }
    }

    @Nested
    class Identities {
        @Test
        void aMessageWithNeitherUserIdNorAnonymousIdIsRejected() {
            FieldError error = onlyError(without(minimal(EventType.PAGE), "userId"), EventType.PAGE);

            assertThat(error.field()).isEqualTo("userId|anonymousId");
            assertThat(error.problem()).contains("one of userId or anonymousId is required");
        }

        /** Derives "visitor-of:<source>|<ip>|<user agent>" so a test can see what the id was made from. */
        private final Envelope cookieless = new Envelope("web", RECEIVED_AT, "203.0.113.9", Map.of(),
                (source, ip, userAgent) -> ip == null || userAgent == null ? null : "visitor-of:" + source + "|" + ip + "|" + userAgent);

        static Stream<Arguments> cookielessInputs() {
            return Stream.of(
                    Arguments.of("the message's own user agent and the request's address",
                            obj("context", obj("userAgent", "UA-own")), Map.of(), "visitor-of:web|203.0.113.9|UA-own"),
                    Arguments.of("the context's ip over the request's address",
                            obj("context", obj("userAgent", "UA-own", "ip", "198.51.100.7")), Map.of(),
                            "visitor-of:web|198.51.100.7|UA-own"),
                    Arguments.of("the batch's user agent and ip", obj(), obj("userAgent", "UA-batch", "ip", "198.51.100.8"),
                            "visitor-of:web|198.51.100.8|UA-batch"),
                    Arguments.of("the message's context over the batch's", obj("context", obj("userAgent", "UA-own")),
                            obj("userAgent", "UA-batch"), "visitor-of:web|203.0.113.9|UA-own"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("cookielessInputs")
        void aMessageWithoutIdsGetsTheCookielessVisitorIdAsAnonymousId(String description, Map<String, Object> extra,
                                                                      Map<String, Object> batchContext, String expected) {
            Map<String, Object> message = without(minimal(EventType.PAGE), "userId");
            message.putAll(extra);
            Envelope envelope = new Envelope("web", RECEIVED_AT, "203.0.113.9", batchContext, cookieless.cookieless());

            Event event = parsed(message, EventType.PAGE, envelope);

            assertThat(event.anonymousId()).isEqualTo(expected);
            assertThat(event.userId()).isNull();
        }

        @Test
        void withoutAUserAgentNoCookielessIdIsDerivedAndTheIdIsStillRequired() {
            ParseResult result = parser.parse(without(minimal(EventType.PAGE), "userId"), EventType.PAGE, cookieless);

            assertThat(result).isInstanceOf(ParseResult.Invalid.class);
            assertThat(((ParseResult.Invalid) result).message()).contains("one of userId or anonymousId is required");
        }

        @Test
        void aMessageWithItsOwnIdKeepsIt() {
            Map<String, Object> message = with(minimal(EventType.PAGE), "context", obj("userAgent", "UA-own"));

            Event event = parsed(message, EventType.PAGE, cookieless);

            assertThat(event.userId()).isEqualTo("user-1");
            assertThat(event.anonymousId()).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\t\n"})
        void blankIdsCountAsMissing(String blank) {
            Map<String, Object> message = with(without(minimal(EventType.PAGE), "userId"), "userId", blank, "anonymousId", blank);

            assertThat(onlyError(message, EventType.PAGE).field()).isEqualTo("userId|anonymousId");
        }

        @Test
        void anAnonymousIdAloneIsEnoughAndIsTheVisitor() {
            Event event = parsed(with(without(minimal(EventType.PAGE), "userId"), "anonymousId", "anon-1"), EventType.PAGE);

            assertThat(event.userId()).isNull();
            assertThat(event.anonymousId()).isEqualTo("anon-1");
            assertThat(event.visitorId()).isEqualTo("anon-1");
        }

        @Test
        void aBlankUserIdNextToAnAnonymousIdIsDropped() {
            Event event = parsed(with(minimal(EventType.PAGE), "userId", "  ", "anonymousId", "anon-1"), EventType.PAGE);

            assertThat(event.userId()).isNull();
            assertThat(event.visitorId()).isEqualTo("anon-1");
        }

        @Test
        void theAnonymousIdIsTheVisitorEvenWhenAUserIdIsKnown() {
            Event event = parsed(with(minimal(EventType.PAGE), "anonymousId", "anon-1"), EventType.PAGE);

            assertThat(event.visitorId()).isEqualTo("anon-1");
            assertThat(event.userId()).isEqualTo("user-1");
        }

        @Test
        void idsAreStripped() {
            assertThat(parsed(with(minimal(EventType.PAGE), "userId", "  user-1 \n"), EventType.PAGE).userId()).isEqualTo("user-1");
        }

        static Stream<Arguments> numericIds() {
            return Stream.of(
                    Arguments.of(42, "42"),
                    Arguments.of(9_007_199_254_740_993L, "9007199254740993"),
                    Arguments.of(new BigInteger("123456789012345678901234567890"), "123456789012345678901234567890"));
        }

        @ParameterizedTest
        @MethodSource("numericIds")
        void numericIdsBecomeTheirDecimalText(Number id, String expected) {
            Event event = parsed(with(minimal(EventType.GROUP), "userId", id, "anonymousId", id, "groupId", id, "messageId", id),
                    EventType.GROUP);

            assertThat(List.of(event.userId(), event.anonymousId(), event.groupId(), event.messageId()))
                    .containsOnly(expected);
        }

        @Test
        void anIdThatIsNeitherStringNorNumberIsRejectedByName() {
            List<FieldError> errors = errors(with(minimal(EventType.PAGE), "userId", true, "anonymousId", obj("a", 1)),
                    EventType.PAGE);

            assertThat(errors).extracting(FieldError::toString)
                    .containsExactly("userId: must be a string", "anonymousId: must be a string");
        }

        @Test
        void anInvalidIdDoesNotAlsoReportTheIdAsMissing() {
            List<FieldError> errors = errors(with(without(minimal(EventType.PAGE), "userId"), "anonymousId", List.of("a")),
                    EventType.PAGE);

            assertThat(errors).extracting(FieldError::field).containsExactly("anonymousId");
        }

        @ParameterizedTest
        @ValueSource(strings = {"userId", "anonymousId", "messageId", "groupId", "previousId", "event"})
        void idsOfTheMaximumLengthAreKeptAndLongerOnesRejectedByName(String field) {
            Map<String, Object> base = with(minimal(EventType.TRACK), "anonymousId", "a", "groupId", "g", "previousId", "p");
            String longest = "é".repeat(IngestionLimits.MAX_ID_LENGTH);

            assertThat(parse(with(base, field, longest), EventType.TRACK)).isInstanceOf(ParseResult.Parsed.class);
            assertThat(onlyError(with(base, field, longest + "x"), EventType.TRACK))
                    .hasToString(field + ": longer than 255 characters");
        }

        @Test
        void aTooLongSdkSessionIdIsRejectedByItsPath() {
            Map<String, Object> message = with(minimal(EventType.PAGE), "context", obj("sessionId", "s".repeat(256)));

            assertThat(onlyError(message, EventType.PAGE)).hasToString("context.sessionId: longer than 255 characters");
        }
    }

    @Nested
    class MessageIds {
        @Test
        void aMessageIdIsGeneratedWhenMissing() {
            Event first = parsed(without(minimal(EventType.PAGE), "messageId"), EventType.PAGE);
            Event second = parsed(with(minimal(EventType.PAGE), "messageId", "  "), EventType.PAGE);

            assertThat(first.messageId()).isEqualTo("generated-1");
            assertThat(second.messageId()).isEqualTo("generated-2");
        }

        @Test
        void aSentMessageIdIsKeptAndNothingIsGenerated() {
            assertThat(parsed(minimal(EventType.PAGE), EventType.PAGE).messageId()).isEqualTo("m-1");
            assertThat(generatedIds).hasValue(0);
        }

        @Test
        void theDefaultGeneratorGivesDistinctUuids() {
            EventParser defaultParser = new EventParser();
            Map<String, Object> message = without(minimal(EventType.PAGE), "messageId");

            String first = ((ParseResult.Parsed) defaultParser.parse(message, EventType.PAGE, ENVELOPE)).event().messageId();
            String second = ((ParseResult.Parsed) defaultParser.parse(message, EventType.PAGE, ENVELOPE)).event().messageId();

            assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").isNotEqualTo(second);
        }

        @Test
        void aGeneratorIsRequired() {
            assertThatThrownBy(() -> new EventParser(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class Timestamps {
        static Stream<Arguments> validTimestamps() {
            return Stream.of(
                    Arguments.of("2026-03-10T11:59:00Z", "2026-03-10T11:59:00Z"),
                    Arguments.of("2026-03-10T11:59:00.123Z", "2026-03-10T11:59:00.123Z"),
                    Arguments.of("2026-03-10T14:59:00.5+03:00", "2026-03-10T11:59:00.500Z"),
                    Arguments.of("2026-03-10T06:59:00-05:00", "2026-03-10T11:59:00Z"),
                    Arguments.of("2026-03-10T11:59:00.1234567+00:00", "2026-03-10T11:59:00.1234567Z"),
                    Arguments.of("2026-03-10T11:59:00", "2026-03-10T11:59:00Z"),
                    Arguments.of("2026-03-10T11:59:00.250", "2026-03-10T11:59:00.250Z"),
                    Arguments.of(" 2026-03-10T11:59:00Z ", "2026-03-10T11:59:00Z"),
                    Arguments.of("2000-01-01T00:00:00Z", "2000-01-01T00:00:00Z"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("validTimestamps")
        void isoTimestampsWithOrWithoutOffsetAreRead(String sent, String expected) {
            Event event = parsed(with(minimal(EventType.PAGE), "timestamp", sent), EventType.PAGE);

            assertThat(event.timestamp()).isEqualTo(Instant.parse(expected));
            assertThat(event.originalTimestamp()).isEqualTo(Instant.parse(expected));
            assertThat(event.sentAt()).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"timestamp", "originalTimestamp", "sentAt"})
        void garbageIsRejectedNamingTheFieldAndTheValue(String field) {
            FieldError error = onlyError(with(minimal(EventType.PAGE), field, "yesterday at noon"), EventType.PAGE);

            assertThat(error.field()).isEqualTo(field);
            assertThat(error.problem()).contains("'yesterday at noon' is not an ISO-8601 date-time");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-03-10", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "10/03/2026 12:00", "", "Z"})
        void malformedDatesAreRejected(String sent) {
            Map<String, Object> message = with(minimal(EventType.PAGE), "timestamp", sent);

            assertThat(onlyError(message, EventType.PAGE).field()).isEqualTo("timestamp");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1999-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z"})
        void timestampsBefore2000AreRejected(String sent) {
            FieldError error = onlyError(with(minimal(EventType.PAGE), "timestamp", sent), EventType.PAGE);

            assertThat(error.problem()).contains("before 2000-01-01");
        }

        @ParameterizedTest
        @ValueSource(strings = {"timestamp", "originalTimestamp", "sentAt"})
        void nonStringTimestampsAreRejected(String field) {
            for (Object value : new Object[] {1_773_144_000_000L, 1.5, true, obj("iso", "2026-03-10T12:00:00Z")}) {
                FieldError error = onlyError(with(minimal(EventType.PAGE), field, value), EventType.PAGE);
                assertThat(error.field()).isEqualTo(field);
                assertThat(error.problem()).contains("must be an ISO-8601 date-time string");
            }
        }

        @Test
        void withoutAnyTimestampTheEventHappenedWhenReceived() {
            Event event = parsed(minimal(EventType.PAGE), EventType.PAGE);

            assertThat(event.timestamp()).isEqualTo(RECEIVED_AT);
            assertThat(event.originalTimestamp()).isNull();
        }

        @Test
        void withoutSentAtTheClientTimestampIsTakenAsIs() {
            Event event = parsed(with(minimal(EventType.PAGE), "timestamp", "2026-03-09T08:00:00Z"), EventType.PAGE);

            assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-03-09T08:00:00Z"));
        }

        @Test
        void aClientClockOneHourBehindIsCorrectedAsSegmentDoes() {
            // Happened 5 s before it was sent; the client's clock is an hour slow; the trip took 1 s.
            Map<String, Object> message = with(minimal(EventType.PAGE),
                    "originalTimestamp", "2026-03-10T10:59:54Z", "sentAt", "2026-03-10T10:59:59Z");

            Event event = parsed(message, EventType.PAGE);

            assertThat(event.timestamp()).isEqualTo(RECEIVED_AT.minusSeconds(5));
            assertThat(event.originalTimestamp()).isEqualTo(Instant.parse("2026-03-10T10:59:54Z"));
            assertThat(event.sentAt()).isEqualTo(Instant.parse("2026-03-10T10:59:59Z"));
        }

        @Test
        void aClientClockOneHourAheadIsCorrectedToo() {
            Map<String, Object> message = with(minimal(EventType.PAGE),
                    "timestamp", "2026-03-10T12:59:30.250Z", "sentAt", "2026-03-10T13:00:00Z");

            assertThat(parsed(message, EventType.PAGE).timestamp()).isEqualTo(RECEIVED_AT.minusMillis(29_750));
        }

        @Test
        void originalTimestampWinsOverTimestampForTheCorrection() {
            Map<String, Object> message = with(minimal(EventType.PAGE), "originalTimestamp", "2026-03-10T09:00:00Z",
                    "timestamp", "2026-03-10T09:30:00Z", "sentAt", "2026-03-10T09:00:10Z");

            Event event = parsed(message, EventType.PAGE);

            assertThat(event.timestamp()).isEqualTo(RECEIVED_AT.minusSeconds(10));
            assertThat(event.originalTimestamp()).isEqualTo(Instant.parse("2026-03-10T09:00:00Z"));
        }

        @Test
        void sentAtWithoutAClientTimestampMeansTheEventHappenedWhenReceived() {
            Event event = parsed(with(minimal(EventType.PAGE), "sentAt", "2026-03-10T09:00:10Z"), EventType.PAGE);

            assertThat(event.timestamp()).isEqualTo(RECEIVED_AT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"timestamp", "originalTimestamp", "sentAt"})
        void farFutureClientTimesAreRejectedNotOverflowed(String field) {
            for (String far : List.of("+999999999-12-31T23:59:59Z", "9999-12-31T23:59:59Z", "2100-01-01T00:00:00Z")) {
                Map<String, Object> message = with(minimal(EventType.PAGE), field, far);
                if (!field.equals("sentAt")) {
                    message.put("sentAt", "2000-01-01T00:00:00Z");
                }
                FieldError error = onlyError(message, EventType.PAGE);

                assertThat(error.field()).isEqualTo(field);
                assertThat(error.problem()).contains("after 2099");
            }
        }

        @Test
        void anEventMoreThanADayAheadAfterTheCorrectionIsRejected() {
            FieldError error = onlyError(with(minimal(EventType.PAGE), "timestamp", "2026-03-12T12:00:01Z"), EventType.PAGE);

            assertThat(error.field()).isEqualTo("timestamp");
            assertThat(error.problem()).contains("more than 1 day ahead");
            assertThat(parsed(with(minimal(EventType.PAGE), "timestamp", "2026-03-11T11:59:00Z"), EventType.PAGE).timestamp())
                    .isEqualTo(Instant.parse("2026-03-11T11:59:00Z"));
        }

        @Test
        void aSentAtFarAheadCannotMoveTheEventBefore2000() {
            Map<String, Object> message = with(minimal(EventType.PAGE), "timestamp", "2026-03-10T11:00:00Z",
                    "sentAt", "2099-01-01T00:00:00Z");

            FieldError error = onlyError(message, EventType.PAGE);

            assertThat(error.field()).isEqualTo("timestamp");
            assertThat(error.problem()).contains("before 2000-01-01 after clock-skew correction");
        }

        @Test
        void offsetsAreHonouredInTheCorrection() {
            Map<String, Object> message = with(minimal(EventType.PAGE),
                    "timestamp", "2026-03-10T13:00:00+03:00", "sentAt", "2026-03-10T10:01:00Z");

            assertThat(parsed(message, EventType.PAGE).timestamp()).isEqualTo(RECEIVED_AT.minus(Duration.ofMinutes(1)));
        }
    }

    @Nested
    class Context {
        @Test
        void theRequestsIpIsUsedWhenTheMessageHasNoneButNeverItsUserAgent() {
            EventContext context = parsed(minimal(EventType.PAGE), EventType.PAGE).context();

            assertThat(context.ip()).isEqualTo("203.0.113.9");
            assertThat(context.userAgent()).as("a server-side sender's HTTP library is not the visitor's device").isNull();
        }

        @Test
        void theMessagesIpAndUserAgentWin() {
            Map<String, Object> message = with(minimal(EventType.PAGE),
                    "context", obj("ip", "198.51.100.7", "userAgent", "SdkAgent/2.0"));

            EventContext context = parsed(message, EventType.PAGE).context();

            assertThat(context.ip()).isEqualTo("198.51.100.7");
            assertThat(context.userAgent()).isEqualTo("SdkAgent/2.0");
        }

        @Test
        void blankContextValuesCountAsAbsent() {
            Map<String, Object> message = with(minimal(EventType.PAGE), "context", obj("ip", " ", "userAgent", ""));

            EventContext context = parsed(message, EventType.PAGE).context();

            assertThat(context.ip()).isEqualTo("203.0.113.9");
            assertThat(context.userAgent()).isNull();
        }

        @Test
        void withoutRequestValuesIpAndUserAgentStayEmpty() {
            Envelope bare = new Envelope("web", RECEIVED_AT, null, null);

            EventContext context = parsed(minimal(EventType.PAGE), EventType.PAGE, bare).context();

            assertThat(context.ip()).isNull();
            assertThat(context.userAgent()).isNull();
            assertThat(context.page()).isEqualTo(PageInfo.EMPTY);
            assertThat(context.campaign()).isEqualTo(Campaign.EMPTY);
        }

        @Test
        void theKnownPartsAreReadAndTheRestKeptRaw() {
            Map<String, Object> context = obj(
                    "page", obj("url", "https://tax.example/pricing?x=1", "path", "/pricing", "referrer", "https://google.com/",
                            "title", "Pricing", "search", "?x=1"),
                    "campaign", obj("source", "newsletter", "medium", "email", "name", "spring", "term", "tax", "content", "top"),
                    "locale", "sw-KE", "timezone", "Africa/Nairobi", "sessionId", 1_773_144_000_000L,
                    "library", obj("name", "analytics.js", "version", "5.2.0"),
                    "screen", obj("width", 390, "height", 844));

            EventContext parsed = parsed(with(minimal(EventType.TRACK), "context", context), EventType.TRACK).context();

            assertThat(parsed.page()).isEqualTo(new PageInfo("https://tax.example/pricing?x=1", "/pricing",
                    "https://google.com/", "Pricing", "?x=1"));
            assertThat(parsed.campaign()).isEqualTo(new Campaign("newsletter", "email", "spring", "tax", "top"));
            assertThat(parsed.locale()).isEqualTo("sw-KE");
            assertThat(parsed.timezone()).isEqualTo("Africa/Nairobi");
            assertThat(parsed.sessionId()).isEqualTo("1773144000000");
            assertThat(parsed.libraryName()).isEqualTo("analytics.js");
            assertThat(parsed.libraryVersion()).isEqualTo("5.2.0");
            assertThat(parsed.raw()).containsEntry("screen", Map.of("width", 390, "height", 844));
        }

        @Test
        void batchItemsInheritTheBatchContextAndOverrideItKeyByKey() {
            Map<String, Object> batchContext = obj(
                    "ip", "198.51.100.1",
                    "library", obj("name", "analytics-python", "version", "2.3.2"),
                    "page", obj("url", "https://tax.example/batch", "title", "From the batch"),
                    "locale", "en-KE");
            Envelope batch = new Envelope("web", RECEIVED_AT, "203.0.113.9", batchContext);
            Map<String, Object> item = with(minimal(EventType.PAGE), "type", "page",
                    "context", obj("page", obj("url", "https://tax.example/item"), "locale", "sw-KE"));

            EventContext context = parsed(item, null, batch).context();

            assertThat(context.ip()).isEqualTo("198.51.100.1");
            assertThat(context.libraryName()).isEqualTo("analytics-python");
            assertThat(context.locale()).isEqualTo("sw-KE");
            // An item's context.page replaces the batch's page object as a whole.
            assertThat(context.page()).isEqualTo(new PageInfo("https://tax.example/item", null, null, null, null));
            assertThat(context.raw()).containsEntry("ip", "198.51.100.1").containsEntry("locale", "sw-KE");
        }

        @Test
        void anItemWithoutContextTakesTheBatchContextWhole() {
            Envelope batch = new Envelope("web", RECEIVED_AT, null, obj("userAgent", "BatchAgent", "sessionId", "s-9"));

            EventContext context = parsed(with(minimal(EventType.PAGE), "type", "page"), null, batch).context();

            assertThat(context.userAgent()).isEqualTo("BatchAgent");
            assertThat(context.sessionId()).isEqualTo("s-9");
        }

        @Test
        void thePageCallsPropertiesDescribeThePage() {
            Map<String, Object> message = with(minimal(EventType.PAGE), "properties", obj(
                    "url", "https://tax.example/a", "path", "/a", "referrer", "https://bing.com/", "title", "A", "search", "?q"));

            assertThat(parsed(message, EventType.PAGE).context().page())
                    .isEqualTo(new PageInfo("https://tax.example/a", "/a", "https://bing.com/", "A", "?q"));
        }

        @Test
        void contextPageWinsOverThePageCallsPropertiesFieldByField() {
            Map<String, Object> message = with(minimal(EventType.PAGE),
                    "properties", obj("url", "https://tax.example/from-properties", "title", "From properties"),
                    "context", obj("page", obj("url", "https://tax.example/from-context")));

            PageInfo page = parsed(message, EventType.PAGE).context().page();

            assertThat(page.url()).isEqualTo("https://tax.example/from-context");
            assertThat(page.title()).isEqualTo("From properties");
        }

        @ParameterizedTest
        @EnumSource(value = EventType.class, names = "PAGE", mode = EnumSource.Mode.EXCLUDE)
        void otherCallsPropertiesDoNotDescribeThePage(EventType type) {
            Map<String, Object> message = with(minimal(type), "properties", obj("url", "https://tax.example/x", "path", "/x"));

            assertThat(parsed(message, type).context().page()).isEqualTo(PageInfo.EMPTY);
        }

        @Test
        void contextPartsOfTheWrongShapeAreIgnored() {
            Map<String, Object> message = with(minimal(EventType.PAGE),
                    "context", obj("page", "https://tax.example/", "campaign", arr("a"), "library", 5, "ip", obj()));

            EventContext context = parsed(message, EventType.PAGE).context();

            assertThat(context.page()).isEqualTo(PageInfo.EMPTY);
            assertThat(context.campaign()).isEqualTo(Campaign.EMPTY);
            assertThat(context.libraryName()).isNull();
            assertThat(context.ip()).isEqualTo("203.0.113.9");
        }
    }

    @Nested
    class Objects {
        @ParameterizedTest
        @ValueSource(strings = {"properties", "traits", "context"})
        void anObjectFieldThatIsNotAnObjectIsRejectedByName(String field) {
            for (Object value : new Object[] {"text", 7, arr(1, 2), true}) {
                assertThat(onlyError(with(minimal(EventType.IDENTIFY), field, value), EventType.IDENTIFY))
                        .hasToString(field + ": must be a JSON object");
            }
        }

        @Test
        void nullObjectsAreEmpty() {
            Event event = parsed(with(minimal(EventType.IDENTIFY), "properties", null, "traits", null, "context", null),
                    EventType.IDENTIFY);

            assertThat(event.properties()).isEmpty();
            assertThat(event.traits()).isEmpty();
        }

        @Test
        void propertiesAndTraitsAreKeptAsSentAndCannotBeChangedAfterwards() {
            Map<String, Object> nested = obj("plan", "pro", "tags", arr("a", null, 3));
            Map<String, Object> properties = obj("amount", 12.5, "nested", nested, "missing", null);
            Map<String, Object> traits = obj("email", "a@b.example");

            Event event = parsed(with(minimal(EventType.TRACK), "properties", properties, "traits", traits), EventType.TRACK);
            nested.put("plan", "changed");
            properties.put("late", 1);

            assertThat(event.properties()).containsOnlyKeys("amount", "nested", "missing").containsEntry("missing", null);
            assertThat(event.properties().get("nested")).isEqualTo(Map.of("plan", "pro", "tags", java.util.Arrays.asList("a", null, 3)));
            assertThat(event.traits()).isEqualTo(Map.of("email", "a@b.example"));
            assertThatThrownBy(() -> event.properties().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> nestedCopy = (Map<String, Object>) event.properties().get("nested");
            assertThatThrownBy(() -> nestedCopy.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void unicodeInNamesAndPropertiesIsKept() {
            Map<String, Object> message = with(minimal(EventType.TRACK), "event", "Kodi Imelipwa 🧾 — ✓",
                    "properties", obj("名前", "値", "emoji", "👩🏽‍💻", "rtl", "مرحبا", "nul", "a\u0000b"),
                    "context", obj("page", obj("title", "Ушуру · Kodi")));

            Event event = parsed(message, EventType.TRACK);

            assertThat(event.event()).isEqualTo("Kodi Imelipwa 🧾 — ✓");
            assertThat(event.properties()).containsEntry("名前", "値").containsEntry("emoji", "👩🏽‍💻")
                    .containsEntry("rtl", "مرحبا").containsEntry("nul", "a\u0000b");
            assertThat(event.context().page().title()).isEqualTo("Ушуру · Kodi");
        }

        @Test
        void deeplyNestedPropertiesAreAccepted() {
            Map<String, Object> deepest = obj("leaf", "bottom");
            Map<String, Object> current = deepest;
            for (int i = 0; i < 500; i++) {
                current = obj("level", current);
            }

            Event event = parsed(with(minimal(EventType.TRACK), "properties", current), EventType.TRACK);

            Object walk = event.properties();
            int depth = 0;
            while (walk instanceof Map<?, ?> map && map.containsKey("level")) {
                walk = map.get("level");
                depth++;
            }
            assertThat(depth).isEqualTo(500);
            assertThat(walk).isEqualTo(Map.of("leaf", "bottom"));
        }

        @Test
        void manyPropertiesAndLongStringsAreAccepted() {
            Map<String, Object> properties = new HashMap<>();
            for (int i = 0; i < 5_000; i++) {
                properties.put("key" + i, i);
            }
            properties.put("long", "x".repeat(IngestionLimits.MAX_STRING_LENGTH));

            Event event = parsed(with(minimal(EventType.TRACK), "properties", properties), EventType.TRACK);

            assertThat(event.properties()).hasSize(5_001);
            assertThat((String) event.properties().get("long")).hasSize(IngestionLimits.MAX_STRING_LENGTH);
        }
    }

    @Nested
    class Errors {
        @Test
        void everyProblemOfAMessageIsReportedAndNamesItsField() {
            Map<String, Object> message = obj("type", "track", "userId", List.of(), "timestamp", "soon",
                    "properties", "none", "traits", 1, "messageId", "x".repeat(300));

            ParseResult.Invalid invalid = (ParseResult.Invalid) parse(message, null);

            assertThat(invalid.errors()).extracting(FieldError::field)
                    .containsExactlyInAnyOrder("userId", "messageId", "event", "timestamp", "properties", "traits");
            assertThat(invalid.message()).contains("userId: must be a string; ").contains("event: required for a track call")
                    .contains("timestamp: 'soon' is not an ISO-8601 date-time");
        }

        @Test
        void anEmptyMessageSaysWhatIsMissing() {
            assertThat(errors(obj(), null)).extracting(FieldError::field).containsExactly("type", "userId|anonymousId");
        }

        @ParameterizedTest
        @NullSource
        void nullValuesCountAsAbsent(Object absent) {
            Event event = parsed(with(minimal(EventType.PAGE), "name", absent, "timestamp", absent, "anonymousId", absent),
                    EventType.PAGE);

            assertThat(event.name()).isNull();
            assertThat(event.anonymousId()).isNull();
        }
    }

    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
