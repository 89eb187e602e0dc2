package dev.brook.adapters.clickhouse.chdb;

import java.util.Map;
import java.util.Optional;

/** How the embedded engine's settings are given: a system property first, else an environment variable. */
final class ChdbSetting {

    private ChdbSetting() {
    }

    /** The property's value, else the environment variable's, trimmed; a blank one counts as not given. */
    static Optional<String> given(String propertyValue, Map<String, String> environment, String environmentName) {
        return nonBlank(propertyValue).or(() -> nonBlank(environment.get(environmentName)));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
