package dev.brook.app.local.cli;

import dev.brook.app.local.settings.InfraSettings;
import dev.brook.app.local.settings.InfraSettings.ClickHouseServer;
import picocli.CommandLine.Option;

import java.util.Optional;

/** How to reach a ClickHouse server instead of the embedded engine: shared by {@code run} and {@code sql}. */
final class ClickHouseServerOptions {

    @Option(names = "--clickhouse-url", paramLabel = "URL",
            description = "A ClickHouse server instead of the embedded engine, e.g. jdbc:clickhouse://localhost:8123 (run: with --infra=external).")
    String url;

    @Option(names = "--clickhouse-user", paramLabel = "USER", defaultValue = "${env:BROOK_CLICKHOUSE_USER:-default}",
            description = "User on the ClickHouse server (default: $BROOK_CLICKHOUSE_USER or 'default').")
    String user;

    @Option(names = "--clickhouse-password", paramLabel = "PASSWORD", defaultValue = "${env:BROOK_CLICKHOUSE_PASSWORD}",
            description = "Password on the ClickHouse server (default: $BROOK_CLICKHOUSE_PASSWORD; prefer the variable: flags show in ps).")
    String password;

    /** The server when a URL was given. */
    Optional<ClickHouseServer> server() {
        return Optional.ofNullable(url).map(u -> new ClickHouseServer(InfraSettings.parseUrl("--clickhouse-url", u), user, password));
    }
}
