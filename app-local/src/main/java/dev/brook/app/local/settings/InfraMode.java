package dev.brook.app.local.settings;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the broker and the store come from. */
public enum InfraMode {
    /** Embedded Pulsar broker and chDB in this JVM, data under the data dir: needs nothing installed. */
    EMBEDDED,
    /** Pulsar and ClickHouse containers started through Testcontainers: needs a Docker engine. */
    TESTCONTAINERS,
    /** An existing Pulsar broker and ClickHouse server, by URL. */
    EXTERNAL;

    public static InfraMode parse(String text) {
        String name = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(mode -> mode.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--infra '" + text + "' is unknown; use one of "
                        + Arrays.stream(values()).map(InfraMode::cliName).collect(Collectors.joining(", "))));
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
