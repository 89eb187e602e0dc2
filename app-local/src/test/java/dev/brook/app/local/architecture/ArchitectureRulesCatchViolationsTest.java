package dev.brook.app.local.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each architecture rule can fail: it is run on the fixture tree under {@code architecture.fixture}, which
 * mirrors Brook's packages and holds one deliberate violation per rule among innocent classes. The rule must
 * report the violating classes — and must pass once exactly those are left out, so it fails for them and
 * not for something else.
 */
class ArchitectureRulesCatchViolationsTest {

    private static final String FIXTURE = "dev.brook.app.local.architecture.fixture";

    static Stream<Arguments> rulesAndTheirViolators() {
        return Stream.of(
                rule("core-domain depends only on JDK, Avro, SLF4J", ArchitectureRules::coreDomainDependsOnlyOnJdkAvroAndSlf4j,
                        "core.domain.ImpureCore"),
                rule("adapters do not depend on each other", ArchitectureRules::adaptersDoNotDependOnEachOther,
                        "adapters.pulsar.ReachesIntoClickHouse"),
                rule("adapters do not depend on apps", ArchitectureRules::adaptersDoNotDependOnApps,
                        "adapters.flink.CallsAnApp"),
                rule("only the Pulsar adapter and apps use the embedded broker",
                        ArchitectureRules::onlyThePulsarAdapterAndAppsUseTheEmbeddedBroker, "adapters.flink.StartsEmbeddedBroker"),
                rule("the embedded broker depends on no adapter or app", ArchitectureRules::embeddedBrokerDependsOnNoAdapterOrApp,
                        "pulsar.embedded.UsesAnAdapter"),
                rule("only the Flink adapter and apps use Flink", ArchitectureRules::onlyTheFlinkAdapterAndAppsUseFlink,
                        "core.domain.ImpureCore", "adapters.clickhouse.UsesFlink"),
                rule("only the ClickHouse adapter uses ClickHouse libraries",
                        ArchitectureRules::onlyTheClickHouseAdapterUsesClickHouseLibraries, "adapters.pulsar.UsesClickHouseClient"),
                rule("only the Pulsar and Flink adapters and the broker use Pulsar",
                        ArchitectureRules::onlyPulsarAdapterFlinkAdapterAndBrokerUsePulsar, "adapters.clickhouse.UsesPulsarClient"),
                rule("only apps use dependency injection", ArchitectureRules::onlyAppsUseDependencyInjection,
                        "adapters.clickhouse.UsesDagger"),
                rule("each Dagger module wires at most one adapter", ArchitectureRules::eachDaggerModuleWiresAtMostOneAdapter,
                        "app.local.wiring.TwoAdaptersModule"),
                rule("apps do not depend on each other", ArchitectureRules::appsDoNotDependOnEachOther,
                        "app.cluster.ClusterApp"),
                rule("no package cycles", ArchitectureRules::noPackageCycles, "cycle.a.A", "cycle.b.B"));
    }

    private static Arguments rule(String name, Function<String, ArchRule> rule, String... violators) {
        return Arguments.of(name, rule, List.of(violators));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rulesAndTheirViolators")
    void theRuleReportsTheViolatorsAndOnlyThem(String name, Function<String, ArchRule> rule, List<String> violators) {
        ArchRule fixtureRule = rule.apply(FIXTURE);
        assertThat(fixtureRule.getDescription()).as("every rule says why").contains("because");

        EvaluationResult withViolators = fixtureRule.evaluate(importFixture(List.of()));
        assertThat(withViolators.hasViolation()).as("%s fails on the fixture", name).isTrue();
        String report = String.join("\n", withViolators.getFailureReport().getDetails());
        for (String violator : violators) {
            assertThat(report).as("report of %s", name).contains(FIXTURE + "." + violator);
        }

        EvaluationResult withoutViolators = fixtureRule.evaluate(importFixture(violators));
        assertThat(withoutViolators.getFailureReport().getDetails())
                .as("%s without %s", name, violators).isEmpty();
    }

    /** The fixture's classes, less the named ones (and their nested classes). */
    private static JavaClasses importFixture(List<String> leftOut) {
        String[] paths = leftOut.stream().map(c -> "/" + (FIXTURE + "." + c).replace('.', '/')).toArray(String[]::new);
        return new ClassFileImporter()
                .withImportOption((Location location) -> Arrays.stream(paths)
                        .noneMatch(p -> location.contains(p + ".class") || location.contains(p + "$")))
                .importPackages(FIXTURE);
    }
}
