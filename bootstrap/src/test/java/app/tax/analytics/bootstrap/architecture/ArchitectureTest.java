package app.tax.analytics.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.port.out.ConsumeEvents;
import app.tax.analytics.application.port.out.PublishEvents;
import app.tax.analytics.application.port.out.QueueHealth;
import app.tax.analytics.application.service.CollectService;
import app.tax.analytics.application.service.EventProcessor;
import app.tax.analytics.application.service.ProcessorWorker;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.base.DescribedPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module map of docs/ARCHITECTURE.md ("Modules") as ArchUnit rules over the compiled classes of
 * every production module. Adapters are matched by package pattern ({@code app.tax.analytics.adapters.<name>..}),
 * never listed, so a new adapter module is covered by these rules as it is. The query model is no
 * adapter: plain Java over domain and application that the store adapters share.
 */
class ArchitectureTest {
    private static final String ROOT = "app.tax.analytics";
    private static final String DOMAIN = ROOT + ".domain..";
    private static final String APPLICATION = ROOT + ".application..";
    private static final String ADAPTERS = ROOT + ".adapters..";
    private static final String BOOTSTRAP = ROOT + ".bootstrap..";
    private static final String QUERY_MODEL = ROOT + ".querymodel..";
    private static final String PORTS = ROOT + ".application.port..";

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPaths(BuiltModules.productionClassFolders());
        assertThat(classes.stream().map(JavaClass::getPackageName))
                .as("classes of domain, application, adapters and bootstrap were imported")
                .anyMatch(p -> p.startsWith(ROOT + ".domain"))
                .anyMatch(p -> p.startsWith(ROOT + ".application"))
                .anyMatch(p -> p.startsWith(ROOT + ".adapters"))
                .anyMatch(p -> p.startsWith(ROOT + ".querymodel"))
                .anyMatch(p -> p.startsWith(ROOT + ".bootstrap"));
    }

    @Test
    void domainDependsOnNothingButTheJdk() {
        noClasses().that().resideInAPackage(DOMAIN)
                .should().dependOnClassesThat().resideOutsideOfPackages(DOMAIN, "java..")
                .because("the domain is pure Java: no framework, no other module")
                .check(classes);
    }

    @Test
    void applicationDependsOnTheDomainOnly() {
        noClasses().that().resideInAPackage(APPLICATION)
                .should().dependOnClassesThat().resideOutsideOfPackages(APPLICATION, DOMAIN, "java..", "javax.crypto..")
                .because("use cases know only the domain and their ports")
                .check(classes);
    }

    @Test
    void theQueryModelDependsOnTheDomainAndTheApplicationsPortsOnly() {
        noClasses().that().resideInAPackage(QUERY_MODEL)
                .should().dependOnClassesThat().resideOutsideOfPackages(QUERY_MODEL, DOMAIN, PORTS, "java..")
                .because("the query model is plain Java the store adapters share, no driver and no adapter")
                .check(classes);
    }

    @Test
    void onlyAdaptersAndBootstrapUseTheQueryModel() {
        noClasses().that().resideOutsideOfPackages(ADAPTERS, BOOTSTRAP, QUERY_MODEL)
                .should().dependOnClassesThat().resideInAPackage(QUERY_MODEL)
                .because("domain and application know nothing of SQL")
                .check(classes);
    }

    @Test
    void adaptersUseTheApplicationOnlyThroughItsPorts() {
        noClasses().that().resideInAPackage(ADAPTERS)
                .should().dependOnClassesThat(DescribedPredicate.describe("are application classes outside port.* and logging",
                        (JavaClass c) -> c.getPackageName().startsWith(ROOT + ".application")
                                && !c.getPackageName().startsWith(ROOT + ".application.port")
                                && !c.getPackageName().equals(ROOT + ".application.logging")))
                .because("services are wired by bootstrap; adapters see use cases (port.in), ports (port.out) and the shared"
                        + " rate-limited warning only")
                .check(classes);
    }

    @Test
    void eachSideOfTheQueueSeesOnlyItsRole() {
        noClasses().that().belongToAnyOf(CollectService.class)
                .should().dependOnClassesThat().belongToAnyOf(ConsumeEvents.class, QueueHealth.class)
                .because("the collector only publishes")
                .check(classes);
        noClasses().that().belongToAnyOf(EventProcessor.class, ProcessorWorker.class)
                .should().dependOnClassesThat().belongToAnyOf(PublishEvents.class, QueueHealth.class)
                .because("the processor only consumes")
                .check(classes);
        noClasses().that().resideInAPackage(ROOT + ".application.service..")
                .should().dependOnClassesThat().belongToAnyOf(QueueHealth.class)
                .because("the queue's health is for metrics, readiness and shutdown, which bootstrap wires")
                .check(classes);
    }

    @Test
    void adaptersNeverDependOnEachOther() {
        slices().matching(ROOT + ".adapters.(*)..").should().notDependOnEachOther()
                .because("each adapter implements ports; bootstrap alone wires them together")
                .check(classes);
    }

    @Test
    void nothingButBootstrapDependsOnBootstrap() {
        noClasses().that().resideOutsideOfPackage(BOOTSTRAP)
                .should().dependOnClassesThat().resideInAPackage(BOOTSTRAP)
                .check(classes);
    }

    @Test
    void onlyBootstrapUsesAdapters() {
        noClasses().that().resideOutsideOfPackages(BOOTSTRAP, ADAPTERS)
                .should().dependOnClassesThat().resideInAPackage(ADAPTERS)
                .because("only bootstrap instantiates adapters")
                .check(classes);
    }

    @Test
    void incomingAndOutgoingPortsStaySeparate() {
        noClasses().that().resideInAPackage(ROOT + ".application.port.in..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".application.port.out..")
                .check(classes);
        noClasses().that().resideInAPackage(ROOT + ".application.port.out..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".application.port.in..")
                .check(classes);
    }

    @Test
    void portsAreInterfacesOrValues() {
        classes().that().resideInAPackage(ROOT + ".application.port..").and().areTopLevelClasses()
                .should().beInterfaces().orShould().beRecords().orShould().beAssignableTo(Throwable.class)
                .check(classes);
    }

    @Test
    void adapterImplementationsOfPortsArePackagePrivate() {
        DescribedPredicate<JavaClass> implementsAPort = new DescribedPredicate<>("implement a port of the application") {
            @Override
            public boolean test(JavaClass javaClass) {
                return !javaClass.isInterface() && javaClass.getAllRawInterfaces().stream()
                        .anyMatch(i -> i.getPackageName().startsWith(ROOT + ".application.port"));
            }
        };
        classes().that().resideInAPackage(ADAPTERS).and(implementsAPort)
                .should().notBePublic()
                .because("adapters export factories; their implementations stay behind the ports")
                .check(classes);
    }
}
