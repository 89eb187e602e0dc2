package dev.brook.app.local;

import dev.brook.app.local.settings.InfraMode;
import dev.brook.app.local.settings.RunSettings;
import dev.brook.core.domain.port.out.ReadOnlySql.Table;
import dev.brook.core.domain.produce.ProduceLimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BrookLocalTest {

    private final List<RunSettings> runs = new ArrayList<>();
    private final List<String> queries = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        AppRunners runners = new AppRunners(settings -> {
            runs.add(settings);
            return 0;
        }, (target, sql) -> {
            if (sql.toUpperCase().startsWith("DROP")) {
                throw new IllegalArgumentException("only read-only queries are allowed; refused: " + sql);
            }
            queries.add(sql);
            return new Table(List.of("x"), List.of(List.of("1")));
        });
        CommandLine cli = BrookLocal.commandLine(runners);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.getSubcommands().values().forEach(sub -> {
            sub.setOut(new PrintWriter(out, true));
            sub.setErr(new PrintWriter(err, true));
        });
        return cli.execute(BrookLocal.withDefaultSubcommand(args));
    }

    @Test
    void noArgumentsRunsThePipelineWithTheSpecsDefaults() {
        assertThat(execute()).isZero();

        assertThat(runs).hasSize(1);
        RunSettings settings = runs.get(0);
        assertThat(settings.stream().rate().eventsPerSecond()).isEqualTo(50_000);
        assertThat(settings.stream().sourceCount()).isEqualTo(10_000);
        assertThat(settings.stream().profile().name()).isEqualTo("iot");
        assertThat(settings.limit()).isInstanceOf(ProduceLimit.UntilStopped.class);
        assertThat(settings.windows().size()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.dataDir()).isEqualTo(Path.of("brook-data"));
        assertThat(settings.infra().mode()).isEqualTo(InfraMode.EMBEDDED);
        assertThat(settings.startTimeMillis()).isEmpty();
    }

    @Test
    void anExternalBrokerMayBeSeveralBrokers() {
        assertThat(execute("--infra", "external", "--pulsar-url", "pulsar://b1:6650,b2:6650",
                "--clickhouse-url", "jdbc:clickhouse://ch:8123", "--clickhouse-password", "secret")).isZero();

        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).infra().pulsarUrl()).hasValueSatisfying(url -> assertThat(url).hasToString("pulsar://b1:6650,b2:6650"));
    }

    @Test
    void optionsAloneBelongToRun() {
        long start = java.time.Instant.now().minus(java.time.Duration.ofDays(2)).toEpochMilli();
        assertThat(execute("--rate", "max", "--count", "200000", "--seed", "9", "--window", "10s",
                "--start-time", Long.toString(start), "--disorder-ms", "500", "--domain", "finance")).isZero();

        RunSettings settings = runs.get(0);
        assertThat(settings.stream().rate().isMax()).isTrue();
        assertThat(settings.stream().rate().eventTimeRate()).isEqualTo(50_000);
        assertThat(settings.limit()).isEqualTo(ProduceLimit.count(200_000));
        assertThat(settings.stream().seed()).isEqualTo(9);
        assertThat(settings.windows().size()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.startTimeMillis()).hasValue(start);
        assertThat(settings.maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.stream().profile().name()).isEqualTo("finance");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--rate fast                                    | rate 'fast' is neither a number of events per second nor 'max'",
            "--rate -5                                      | rate -5.0 must be a number of events per second",
            "--rate 0                                       | rate 0.0 must be a number of events per second",
            "--domain banking                               | unknown domain profile 'banking'; known profiles: iot, ecommerce, finance, gaming, logistics, social",
            "--sources 0                                    | source count 0 must be within 1..10000000",
            "--count 10 --duration 5s                       | --count=N, --duration=D are mutually exclusive",
            "--count 0                                      | --count: event count 0 must be ≥ 1",
            "--duration 5 fortnights                        | '5' is not a duration",
            "--window 0s                                    | --window PT0S: window size PT0S must be between 1 ms and 1 day",
            "--start-time yesterday                         | 'yesterday' is not a time",
            "--start-time 999999999999999                   | '999999999999999' is outside the event times Brook takes, 1970-01-01T00:00:00Z to 2298-12-31T23:59:59.999Z",
            "--start-time 2020-01-01T00:00:00Z              | --start-time 2020-01-01T00:00:00Z is more than 30 days ago: the store keeps windows for 30 days",
            "--infra docker                                 | --infra 'docker' is unknown; use one of embedded, testcontainers, external",
            "--infra external                               | --infra=external needs both --pulsar-url",
            "--infra external --pulsar-url pulsar://h:6650 --clickhouse-url ftp://h | --clickhouse-url 'ftp://h' must start with one of",
            "--infra external --pulsar-url pulsar://h:6650,:6650 --clickhouse-url jdbc:ch://h --clickhouse-password x | --pulsar-url: Pulsar service URL 'pulsar://h:6650,:6650' must be",
            "--infra external --pulsar-url pulsar://h:6650 --pulsar-admin-url http://h:8080,:8080 --clickhouse-url jdbc:ch://h --clickhouse-password x | --pulsar-admin-url: Pulsar admin URL 'http://h:8080,:8080' must be",
            "--pulsar-url pulsar://h:6650                   | --pulsar-url, --pulsar-admin-url and --clickhouse-url only apply with --infra=external",
            "--disorder-ms 5000 --max-out-of-orderness 1s   | --max-out-of-orderness 1000ms is below --disorder-ms 5000",
            "--dashboard-port 70000                         | --dashboard-port 70000 must be within 0..65535",
            "--colour blue                                  | Unknown options: '--colour', 'blue'",
    })
    void badValuesGiveOneClearMessageExitCodeTwoAndStartNothing(String args, String message) {
        assertThat(execute(args.trim().split("\\s+"))).isEqualTo(BrookLocal.EXIT_USAGE);

        assertThat(runs).isEmpty();
        assertThat(err.toString()).startsWith("error: ").contains(message).contains("run --help");
        assertThat(err.toString().lines().count()).isEqualTo(2);
    }

    @Test
    void helpDocumentsEveryFlag() {
        assertThat(execute("run", "--help")).isZero();

        assertThat(out.toString()).contains("--rate", "--sources", "--domain", "--seed", "--count", "--duration",
                "--window", "--data-dir", "--infra", "--pulsar-url", "--clickhouse-url", "--start-time",
                "--disorder-ms", "--dashboard-port");
        assertThat(runs).isEmpty();
    }

    @Test
    void rootHelpListsTheSubcommands() {
        assertThat(execute("--help")).isZero();
        assertThat(out.toString()).contains("run", "sql", "generate", "Exit codes");
    }

    @Test
    void sqlPrintsTheResultAndRefusesWritesWithExitCodeTwo(@org.junit.jupiter.api.io.TempDir Path dataDir) {
        assertThat(execute("sql", "SELECT 1", "--data-dir", dataDir.toString(), "--format", "csv")).isZero();
        assertThat(out.toString()).isEqualTo("x\n1\n");

        assertThat(execute("sql", "DROP TABLE benchmark.sensors_local", "--data-dir", dataDir.toString()))
                .isEqualTo(BrookLocal.EXIT_USAGE);
        assertThat(err.toString()).contains("error: only read-only queries are allowed");
        assertThat(queries).containsExactly("SELECT 1");
    }

    @Test
    void sqlNamesAMissingDataDirAndAnUnknownFormat(@org.junit.jupiter.api.io.TempDir Path dataDir) {
        assertThat(execute("sql", "SELECT 1", "--data-dir", dataDir.resolve("nope").toString()))
                .isEqualTo(BrookLocal.EXIT_USAGE);
        assertThat(err.toString()).contains("does not exist; run the pipeline first");

        assertThat(execute("sql", "SELECT 1", "--data-dir", dataDir.toString(), "--format", "xml"))
                .isEqualTo(BrookLocal.EXIT_USAGE);
        assertThat(err.toString()).contains("--format 'xml' is unknown; use table, csv or json");
        assertThat(queries).isEmpty();
    }

    @Test
    void aFailureWhileRunningIsExitCodeOneWithTheCauses() {
        AppRunners failing = new AppRunners(settings -> {
            throw new IllegalStateException("broker did not start", new java.io.IOException("port 6650 in use"));
        }, (target, sql) -> null);
        CommandLine cli = BrookLocal.commandLine(failing);
        cli.getSubcommands().get("run").setErr(new PrintWriter(err, true));

        assertThat(cli.execute("run")).isEqualTo(BrookLocal.EXIT_FAILED);
        assertThat(err.toString()).contains("failed: broker did not start", "caused by: port 6650 in use");
    }
}
