package app.tax.analytics.adapters.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.port.out.UserStore;
import app.tax.analytics.domain.user.DashboardUser;
import app.tax.analytics.domain.user.Role;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClickHouseUserStoreTest {
    private static final Instant CREATED = Instant.parse("2025-01-02T03:04:05.678Z");
    private ClickHouseTestDatabase database;
    private UserStore users;

    @BeforeAll
    void migrate() {
        database = ClickHouseTestDatabase.migrated("users");
        users = database.connection.users();
    }

    @AfterAll
    void drop() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void savesReplacesListsAndRemovesAccounts() {
        DashboardUser admin = new DashboardUser("Admin@Example.com", Role.ADMIN, "hash-1", Set.of(), CREATED);
        DashboardUser viewer = new DashboardUser("viewer@example.com", Role.VIEWER, "hash-2", Set.of("web", "it's \"app\"\\x"), CREATED,
                7_654_321_987_654_321L);
        users.save(admin);
        users.save(viewer);

        assertThat(users.find("ADMIN@example.com")).contains(admin);
        assertThat(users.find("viewer@example.com")).contains(viewer);
        assertThat(users.list()).containsExactly(admin, viewer);
        assertThat(users.count()).isEqualTo(2);

        DashboardUser changed = admin.withPasswordHash("hash-3");
        users.save(changed);
        assertThat(users.find("admin@example.com")).contains(changed);
        assertThat(users.count()).isEqualTo(2);

        assertThat(users.remove("viewer@example.com")).isTrue();
        assertThat(users.remove("viewer@example.com")).isFalse();
        assertThat(users.find("viewer@example.com")).isEmpty();
        assertThat(users.list()).containsExactly(changed);
        assertThat(users.count()).isEqualTo(1);

        users.save(viewer);
        assertThat(users.find("viewer@example.com")).contains(viewer);
    }
}
