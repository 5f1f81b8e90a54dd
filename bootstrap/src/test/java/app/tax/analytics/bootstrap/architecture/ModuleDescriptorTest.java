package app.tax.analytics.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.bootstrap.architecture.BuiltModules.BuiltModule;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Requires;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The compiled {@code module-info.class} of every module: names, requires and exports as
 * docs/ARCHITECTURE.md ("Modules") says.
 */
class ModuleDescriptorTest {
    private static final String PREFIX = "app.tax.analytics.";

    private final List<BuiltModule> modules = BuiltModules.all();

    @Test
    void everyModuleIsANamedModuleUnderTheProjectPrefix() {
        assertThat(modules).extracting(BuiltModule::folder)
                .contains("domain", "application", "query-model", "bootstrap", "adapters-http", "adapters-embedded");
        for (BuiltModule module : modules) {
            assertThat(module.hasDescriptor()).as(module.folder() + " has a compiled module-info").isTrue();
            assertThat(module.descriptor().name()).as(module.folder()).startsWith(PREFIX);
            assertThat(module.descriptor().isAutomatic()).isFalse();
        }
    }

    @Test
    void domainRequiresOnlyJavaBaseAndExportsItsPackagesToEveryone() {
        ModuleDescriptor domain = descriptor("domain");
        assertThat(requiredNames(domain)).containsExactly("java.base");
        assertThat(domain.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
        assertThat(domain.exports().stream().map(Exports::source))
                .allMatch(p -> p.startsWith(PREFIX + "domain."));
        assertThat(domain.packages()).isEqualTo(domain.exports().stream().map(Exports::source).collect(Collectors.toSet()));
    }

    @Test
    void applicationRequiresOnlyTheDomain() {
        assertThat(requiredNames(descriptor("application"))).containsExactlyInAnyOrder("java.base", PREFIX + "domain");
    }

    @Test
    void theQueryModelRequiresOnlyTheApplicationAndJdbcAndExportsOnePackage() {
        ModuleDescriptor queryModel = descriptor("query-model");
        assertThat(queryModel.name()).isEqualTo(PREFIX + "querymodel").doesNotContain("adapters");
        assertThat(requiredNames(queryModel)).containsExactlyInAnyOrder("java.base", "java.sql", PREFIX + "application");
        assertThat(queryModel.exports()).extracting(Exports::source).containsExactly(PREFIX + "querymodel");
    }

    @Test
    void nothingRequiresBootstrap() {
        for (BuiltModule module : modules) {
            assertThat(requiredNames(module.descriptor())).as(module.folder()).doesNotContain(PREFIX + "bootstrap");
        }
    }

    @Test
    void adaptersRequireNoOtherAdapterAndExportOnlyTheirApiPackage() {
        List<BuiltModule> adapters = modules.stream().filter(BuiltModule::isAdapter).toList();
        assertThat(adapters).hasSizeGreaterThanOrEqualTo(4);
        for (BuiltModule adapter : adapters) {
            ModuleDescriptor descriptor = adapter.descriptor();
            assertThat(requiredNames(descriptor)).as(adapter.folder() + " requires")
                    .noneMatch(name -> name.startsWith(PREFIX + "adapters."))
                    .contains(PREFIX + "application");
            String apiPackage = descriptor.name();
            assertThat(descriptor.exports()).as(adapter.folder() + " exports").extracting(Exports::source)
                    .containsExactly(apiPackage);
        }
    }

    private ModuleDescriptor descriptor(String folder) {
        return modules.stream().filter(m -> m.folder().equals(folder)).findFirst().orElseThrow().descriptor();
    }

    private static Set<String> requiredNames(ModuleDescriptor descriptor) {
        return descriptor.requires().stream().map(Requires::name).collect(Collectors.toSet());
    }
}
