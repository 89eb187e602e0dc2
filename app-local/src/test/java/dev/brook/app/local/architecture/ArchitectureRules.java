package dev.brook.app.local.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Brook's architecture as ArchUnit rules. Each rule is made for a root package: {@code dev.brook} for the
 * real code ({@link ArchitectureTest}), and a fixture tree of deliberately bad classes that mirrors the real
 * layout ({@link ArchitectureRulesCatchViolationsTest}), so the very rule that guards the code is shown to fail.
 * Rules name packages, not classes, so they apply to code as it lands.
 */
final class ArchitectureRules {

    private static final String[] INJECTION = {"dagger..", "javax.inject..", "jakarta.inject.."};

    private ArchitectureRules() {
    }

    static ArchRule coreDomainDependsOnlyOnJdkAvroAndSlf4j(String root) {
        return classes().that().resideInAPackage(root + ".core.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(root + ".core.domain..", "java..",
                        "org.apache.avro..", "org.slf4j..")
                .because("the domain must run and be tested anywhere: it knows no broker, engine, store or"
                        + " injection framework, only the JDK, the Avro wire format and the SLF4J API");
    }

    static ArchRule adaptersDoNotDependOnEachOther(String root) {
        return slices().matching(root + ".adapters.(*)..").namingSlices("adapter $1")
                .should().notDependOnEachOther()
                .because("each adapter implements core ports with its own library; one adapter reaching into"
                        + " another couples two technologies that the apps must be free to combine or replace");
    }

    static ArchRule adaptersDoNotDependOnApps(String root) {
        return noClasses().that().resideInAPackage(root + ".adapters..")
                .should().dependOnClassesThat().resideInAPackage(root + ".app..")
                .because("apps wire adapters, never the other way round: an adapter is usable by any app");
    }

    static ArchRule onlyThePulsarAdapterAndAppsUseTheEmbeddedBroker(String root) {
        return noClasses().that().resideOutsideOfPackages(root + ".adapters.pulsar..", root + ".app..",
                        root + ".pulsar.embedded..")
                .should().dependOnClassesThat().resideInAPackage(root + ".pulsar.embedded..")
                .because("the embedded broker is infrastructure for the Pulsar adapter and the apps that start it");
    }

    static ArchRule embeddedBrokerDependsOnNoAdapterOrApp(String root) {
        return noClasses().that().resideInAPackage(root + ".pulsar.embedded..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".adapters..", root + ".app..")
                .because("the embedded broker launcher sits below the adapters: it starts a broker and nothing else");
    }

    static ArchRule onlyTheFlinkAdapterAndAppsUseFlink(String root) {
        return noClasses().that().resideOutsideOfPackages(root + ".adapters.flink..", root + ".app..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.flink..")
                .because("Flink is the stream engine of the Flink adapter; apps may start a job, nothing else may"
                        + " depend on the engine");
    }

    static ArchRule onlyTheClickHouseAdapterUsesClickHouseLibraries(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".adapters.clickhouse..")
                .should().dependOnClassesThat().resideInAnyPackage("com.clickhouse..", "com.sun.jna..")
                .because("the ClickHouse client, JDBC driver and the chDB binding (JNA) belong to the ClickHouse"
                        + " adapter; others store and query through the core's ports");
    }

    static ArchRule onlyPulsarAdapterFlinkAdapterAndBrokerUsePulsar(String root) {
        return noClasses().that().resideOutsideOfPackages(root + ".adapters.pulsar..", root + ".adapters.flink..",
                        root + ".pulsar.embedded..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.pulsar..")
                .because("the Pulsar client belongs to the Pulsar adapter (publishing) and the Flink adapter"
                        + " (its Pulsar source); others publish through the EventPublisher port");
    }

    static ArchRule onlyAppsUseDependencyInjection(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".app..")
                .should().dependOnClassesThat().resideInAnyPackage(INJECTION)
                .because("apps wire adapters with Dagger; the domain and the adapters stay plain Java with"
                        + " constructors, usable without any container");
    }

    /**
     * "One Dagger module per adapter": what a module provides or constructs comes from one adapter at most, and
     * no adapter is provided by two modules of the same app. Parameters of provider methods may be of any
     * type: a module may take what another module provides.
     */
    static ArchRule eachDaggerModuleWiresAtMostOneAdapter(String root) {
        return classes().that().areAnnotatedWith("dagger.Module")
                .should(wireOneAdapterThatNoOtherModuleOfTheAppWires(root + ".adapters.", root + ".app."))
                .because("one Dagger module per adapter keeps each technology's wiring in one place, so an app"
                        + " swaps an adapter by swapping one module");
    }

    static ArchRule appsDoNotDependOnEachOther(String root) {
        return slices().matching(root + ".app.(*)..").namingSlices("app $1")
                .should().notDependOnEachOther()
                .because("the local and the cluster app are separate entry points; what both need belongs in"
                        + " core-domain or an adapter");
    }

    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(**)").namingSlices("package $1")
                .should().beFreeOfCycles()
                .because("packages that depend on each other in a circle cannot be understood, tested or moved"
                        + " one at a time");
    }

    private static ArchCondition<JavaClass> wireOneAdapterThatNoOtherModuleOfTheAppWires(String adapterPrefix,
                                                                                          String appPrefix) {
        return new ArchCondition<>("provide or construct the types of at most one adapter, which no other module of"
                + " the same app provides") {
            private final Map<String, Set<String>> modulesByAppAndAdapter = new TreeMap<>();

            @Override
            public void init(Collection<JavaClass> modules) {
                modulesByAppAndAdapter.clear(); // a rule may be evaluated more than once
                for (JavaClass module : modules) {
                    for (String adapter : adaptersWiredBy(module, adapterPrefix)) {
                        modulesByAppAndAdapter.computeIfAbsent(appOf(module, appPrefix) + " " + adapter,
                                key -> new TreeSet<>()).add(module.getName());
                    }
                }
            }

            @Override
            public void check(JavaClass module, ConditionEvents events) {
                Set<String> adapters = adaptersWiredBy(module, adapterPrefix);
                events.add(new SimpleConditionEvent(module, adapters.size() <= 1,
                        module.getName() + " provides or constructs types of adapters " + adapters));
                for (String adapter : adapters) {
                    Set<String> modules = modulesByAppAndAdapter.get(appOf(module, appPrefix) + " " + adapter);
                    events.add(new SimpleConditionEvent(module, modules.size() == 1,
                            "adapter " + adapter + " is wired by several modules of one app: " + modules));
                }
            }
        };
    }

    /** The adapters whose types a module's methods return or whose constructors it calls. */
    private static Set<String> adaptersWiredBy(JavaClass module, String adapterPrefix) {
        Set<String> adapters = new TreeSet<>();
        for (JavaMethod method : module.getMethods()) {
            adapterOf(method.getRawReturnType().getPackageName(), adapterPrefix).ifPresent(adapters::add);
        }
        for (JavaConstructorCall call : module.getConstructorCallsFromSelf()) {
            adapterOf(call.getTargetOwner().getPackageName(), adapterPrefix).ifPresent(adapters::add);
        }
        return adapters;
    }

    private static Optional<String> adapterOf(String packageName, String adapterPrefix) {
        if (!packageName.startsWith(adapterPrefix)) {
            return Optional.empty();
        }
        String rest = packageName.substring(adapterPrefix.length());
        return Optional.of(rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest);
    }

    private static String appOf(JavaClass module, String appPrefix) {
        String name = module.getPackageName();
        if (!name.startsWith(appPrefix)) {
            return "(outside the apps)";
        }
        String rest = name.substring(appPrefix.length());
        return rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
    }
}
