package dev.brook.adapters.clickhouse.transport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Values for a query's {@code {name:Type}} placeholders, bound by the engine (never spliced into the SQL
 * text). Values travel as text; the engine parses them as the placeholder's type.
 */
public final class QueryParameters {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final QueryParameters NONE = new QueryParameters(Map.of());

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    public static QueryParameters none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Names to text values, in the order they were added. */
    public Map<String, String> asMap() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();

        public Builder put(String name, long value) {
            return putText(name, Long.toString(value));
        }

        /** A String parameter; escaped the way the engine reads parameter text (tab-separated escaping). */
        public Builder put(String name, String value) {
            if (value == null) {
                throw new IllegalArgumentException("query parameter '" + name + "' has no value");
            }
            return putText(name, escape(value));
        }

        private static String escape(String value) {
            StringBuilder escaped = new StringBuilder(value.length() + 8);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> escaped.append("\\\\");
                    case '\t' -> escaped.append("\\t");
                    case '\n' -> escaped.append("\\n");
                    case '\r' -> escaped.append("\\r");
                    case '\'' -> escaped.append("\\'");
                    case '\0' -> escaped.append("\\0");
                    default -> escaped.append(c);
                }
            }
            return escaped.toString();
        }

        private Builder putText(String name, String text) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("query parameter name '" + name + "' must be lower snake_case");
            }
            if (values.putIfAbsent(name, text) != null) {
                throw new IllegalArgumentException("query parameter '" + name + "' is bound twice");
            }
            return this;
        }

        public QueryParameters build() {
            return new QueryParameters(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values)));
        }
    }
}
