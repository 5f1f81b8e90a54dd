package app.tax.analytics.querymodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTest {
    /** Numbered placeholders show that a fragment appended twice gets placeholders of its own. */
    private static final Dialect NUMBERED = (Dialect) java.lang.reflect.Proxy.newProxyInstance(SqlTest.class.getClassLoader(),
            new Class<?>[] {Dialect.class}, (proxy, method, args) -> {
                if (method.getName().equals("placeholder")) {
                    return "$" + args[0] + ":" + args[1];
                }
                throw new UnsupportedOperationException(method.getName());
            });

    @Test
    void valuesStayApartFromTheTextInPlaceholderOrder() {
        Sql value = new Sql().add("lower(").text("x").add(")");
        Sql sql = new Sql().add("a = ").add(value).add(" OR b = ").add(value).add(" LIMIT ").limit(3).add(" AT ")
                .time(Instant.EPOCH).add(" IN (").texts(List.of("p", "q")).add(")");

        assertThat(sql.render(NUMBERED)).isEqualTo("a = lower($0:TEXT) OR b = lower($1:TEXT) LIMIT $2:UINT32 AT $3:TIME IN ($4:TEXT, $5:TEXT)");
        assertThat(sql.parameters()).extracting(Sql.Parameter::value).containsExactly("x", "x", 3L, Instant.EPOCH, "p", "q");
    }

    @Test
    void aParameterHoldsAValueOfItsType() {
        assertThatThrownBy(() -> new Sql.Parameter(Sql.Type.TIME, "2024-01-01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Sql().text(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void everyFieldHasADistinctNameAndDimensionsMapToFields() {
        assertThat(EventFields.ALL).hasSize(51);
        // V006 appended the mobile columns, so tables created before it get them in the same order
        assertThat(EventFields.names()).endsWith("context", "screen", "app_version", "app_build", "device_model",
                "device_manufacturer", "network");
        assertThat(EventFields.names()).doesNotHaveDuplicates().startsWith("source", "message_id");
        assertThat(EventFields.dimensionColumns().values()).allMatch(EventFields.names()::contains);
    }
}
