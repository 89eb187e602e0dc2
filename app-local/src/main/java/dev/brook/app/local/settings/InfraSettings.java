package dev.brook.app.local.settings;

import java.net.URI;
import java.util.Optional;

/**
 * The infrastructure choice: embedded (default), Testcontainers, or external servers given by URL.
 *
 * @param pulsarUrl the broker's service URL ({@code pulsar://host:6650}); only for {@link InfraMode#EXTERNAL}
 * @param clickHouseUrl the ClickHouse JDBC URL ({@code jdbc:clickhouse://host:8123}); only for external
 */
public record InfraSettings(InfraMode mode, Optional<URI> pulsarUrl, Optional<URI> clickHouseUrl) {

    public InfraSettings {
        if (mode == null || pulsarUrl == null || clickHouseUrl == null) {
            throw new IllegalArgumentException("infra settings need a mode and (possibly empty) URLs");
        }
        if (mode == InfraMode.EXTERNAL && (pulsarUrl.isEmpty() || clickHouseUrl.isEmpty())) {
            throw new IllegalArgumentException("--infra=external needs both --pulsar-url (e.g. pulsar://localhost:6650)"
                    + " and --clickhouse-url (e.g. jdbc:clickhouse://localhost:8123)");
        }
        if (mode != InfraMode.EXTERNAL && (pulsarUrl.isPresent() || clickHouseUrl.isPresent())) {
            throw new IllegalArgumentException("--pulsar-url and --clickhouse-url only apply with --infra=external"
                    + " (now --infra=" + mode.cliName() + ")");
        }
        pulsarUrl.ifPresent(url -> requireScheme(url, "--pulsar-url", "pulsar", "pulsar+ssl"));
        clickHouseUrl.ifPresent(url -> requireScheme(url, "--clickhouse-url", "jdbc:clickhouse", "jdbc:ch", "http", "https"));
    }

    public static InfraSettings embedded() {
        return new InfraSettings(InfraMode.EMBEDDED, Optional.empty(), Optional.empty());
    }

    /** Parses a URL given on the command line, with a message naming the flag when it is not one. */
    public static URI parseUrl(String flag, String text) {
        try {
            URI uri = new URI(text.trim());
            if (uri.getScheme() == null) {
                throw new IllegalArgumentException(flag + " '" + text + "' has no scheme (e.g. pulsar://localhost:6650)");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(flag + " '" + text + "' is not a URL: " + e.getReason());
        }
    }

    private static void requireScheme(URI url, String flag, String... schemes) {
        String text = url.toString();
        for (String scheme : schemes) {
            if (text.startsWith(scheme + "://")) {
                String host;
                try {
                    host = new URI("x://" + text.substring(scheme.length() + 3)).getHost();
                } catch (java.net.URISyntaxException e) {
                    host = null;
                }
                if (host == null || host.isBlank()) {
                    throw new IllegalArgumentException(flag + " '" + text + "' names no host (e.g. " + scheme + "://localhost)");
                }
                return;
            }
        }
        throw new IllegalArgumentException(flag + " '" + text + "' must start with one of "
                + String.join("://, ", schemes) + "://");
    }
}
