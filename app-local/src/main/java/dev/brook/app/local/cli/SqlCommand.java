package dev.brook.app.local.cli;

import dev.brook.app.local.output.OutputFormat;
import dev.brook.app.local.settings.InfraSettings.ClickHouseServer;
import dev.brook.core.domain.port.out.ReadOnlySql.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code sql "<query>"}: a read-only query against the data dir's ClickHouse (or a server). */
@Command(name = "sql", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Run a read-only query against the aggregates in the data dir (the engine's readonly setting:",
                "INSERT, ALTER, DROP and the like are refused), e.g.",
                "  sql \"SELECT count() FROM benchmark.sensors_local FINAL\""})
public final class SqlCommand implements Callable<Integer> {

    /** Where the query goes: the embedded store in a data dir, or a ClickHouse server. */
    public record Target(Path dataDir, Optional<ClickHouseServer> server) {
    }

    /** Runs one read-only query; refuses writes with {@link IllegalArgumentException} naming the statement. */
    @FunctionalInterface
    public interface Runner {
        Table query(Target target, String sql);
    }

    private final Runner runner;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query (quote it).")
    String query;

    @Option(names = "--format", defaultValue = "table", paramLabel = "F",
            description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--data-dir", defaultValue = "brook-data", paramLabel = "DIR",
            description = "The data dir of 'run' (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Mixin
    ClickHouseServerOptions clickHouseServer;

    public SqlCommand(Runner runner) {
        this.runner = runner;
    }

    @Override
    public Integer call() {
        OutputFormat outputFormat = formatOf(format);
        if (query.isBlank()) {
            throw new ParameterException(spec.commandLine(), "the query is empty; pass one, e.g. sql \"SELECT 1\"");
        }
        Optional<ClickHouseServer> server;
        try {
            server = clickHouseServer.server();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (server.isEmpty() && !dataDir.toFile().isDirectory()) {
            throw new ParameterException(spec.commandLine(), "data dir " + dataDir.toAbsolutePath()
                    + " does not exist; run the pipeline first ('run') or pass --data-dir of an earlier run");
        }
        Table table;
        try {
            table = runner.query(new Target(dataDir, server), query);
        } catch (IllegalArgumentException refused) {
            throw new ParameterException(spec.commandLine(), refused.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        outputFormat.print(table, out);
        out.flush();
        return 0;
    }

    private OutputFormat formatOf(String name) {
        try {
            return OutputFormat.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--format '" + name + "' is unknown; use table, csv or json");
        }
    }
}
