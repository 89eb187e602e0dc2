package dev.brook.app.local.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture rules on Brook's production classes. This module depends on every adapter, so its class
 * path holds all of them; app-cluster's classes are read from its build folder (see {@link AppClusterClasses}).
 * Test classes and test jars are left out: fixtures and contract tests are not the architecture.
 */
@AnalyzeClasses(packages = "dev.brook", locations = ArchitectureTest.AppClusterClasses.class,
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    private static final String ROOT = "dev.brook";

    @ArchTest
    static final ArchRule coreDomainDependsOnlyOnJdkAvroAndSlf4j = ArchitectureRules.coreDomainDependsOnlyOnJdkAvroAndSlf4j(ROOT);
    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = ArchitectureRules.adaptersDoNotDependOnEachOther(ROOT);
    @ArchTest
    static final ArchRule adaptersDoNotDependOnApps = ArchitectureRules.adaptersDoNotDependOnApps(ROOT);
    @ArchTest
    static final ArchRule onlyThePulsarAdapterAndAppsUseTheEmbeddedBroker = ArchitectureRules.onlyThePulsarAdapterAndAppsUseTheEmbeddedBroker(ROOT);
    @ArchTest
    static final ArchRule embeddedBrokerDependsOnNoAdapterOrApp = ArchitectureRules.embeddedBrokerDependsOnNoAdapterOrApp(ROOT);
    @ArchTest
    static final ArchRule onlyTheFlinkAdapterAndAppsUseFlink = ArchitectureRules.onlyTheFlinkAdapterAndAppsUseFlink(ROOT);
    @ArchTest
    static final ArchRule onlyTheClickHouseAdapterUsesClickHouseLibraries = ArchitectureRules.onlyTheClickHouseAdapterUsesClickHouseLibraries(ROOT);
    @ArchTest
    static final ArchRule onlyPulsarAdapterFlinkAdapterAndBrokerUsePulsar = ArchitectureRules.onlyPulsarAdapterFlinkAdapterAndBrokerUsePulsar(ROOT);
    @ArchTest
    static final ArchRule onlyAppsUseDependencyInjection = ArchitectureRules.onlyAppsUseDependencyInjection(ROOT);
    @ArchTest
    static final ArchRule eachDaggerModuleWiresAtMostOneAdapter = ArchitectureRules.eachDaggerModuleWiresAtMostOneAdapter(ROOT);
    @ArchTest
    static final ArchRule appsDoNotDependOnEachOther = ArchitectureRules.appsDoNotDependOnEachOther(ROOT);
    @ArchTest
    static final ArchRule noPackageCycles = ArchitectureRules.noPackageCycles(ROOT);

    /** The rules above would pass vacuously on an import that missed a module: check that none is missing. */
    @ArchTest
    static void theImportHoldsEveryModule(JavaClasses classes) {
        Set<String> modules = new TreeSet<>();
        for (var javaClass : classes) {
            String name = javaClass.getPackageName();
            for (String module : new String[] {"core.domain", "adapters.pulsar", "adapters.clickhouse", "adapters.flink",
                    "pulsar.embedded", "app.local", "app.cluster"}) {
                if (name.equals(ROOT + "." + module) || name.startsWith(ROOT + "." + module + ".")) {
                    modules.add(module);
                }
            }
        }
        assertThat(modules).as("modules whose production classes the rules saw (app-cluster comes from %s)",
                        AppClusterClasses.folder())
                .containsExactlyInAnyOrder("core.domain", "adapters.pulsar", "adapters.clickhouse", "adapters.flink",
                        "pulsar.embedded", "app.local", "app.cluster");
        assertThat(classes.stream().filter(c -> c.getPackageName().startsWith(ROOT + ".app.local.architecture")))
                .as("test classes must not be part of the import").isEmpty();
    }

    /**
     * app-cluster's compiled classes. They are not on this module's class path (apps never depend on each
     * other); the build compiles app-cluster first because of the pom-only test dependency in app-local/pom.xml.
     */
    public static final class AppClusterClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            Path folder = folder();
            return Files.isDirectory(folder) ? Set.of(Location.of(folder)) : Set.of();
        }

        static Path folder() {
            try {
                // .../app-local/target/test-classes → .../app-cluster/target/classes
                Path testClasses = Path.of(ArchitectureTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                return testClasses.getParent().getParent().getParent().resolve("app-cluster/target/classes");
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot locate this module's test classes", e);
            }
        }
    }

    /** Test jars (core-domain's fixtures and contract tests) resolve as jars in a reactor build, not test folders. */
    public static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }
}
