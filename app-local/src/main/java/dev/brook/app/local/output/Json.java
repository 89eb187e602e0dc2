package dev.brook.app.local.output;

import java.util.regex.Pattern;

/** The little JSON the app writes (event lines, query results, dashboard endpoints): strings and numbers. */
public final class Json {

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

    private Json() {
    }

    /** A JSON string literal, quotes included. */
    public static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * A finite double as a JSON number that parses back to exactly the same double ({@link Double#toString}
     * is the shortest such text, and its forms are valid JSON).
     */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON has no representation for " + value);
        }
        return Double.toString(value);
    }

    /** True when the text is a JSON number as it stands, so it can be written unquoted. */
    public static boolean isNumber(String text) {
        return JSON_NUMBER.matcher(text).matches();
    }

    /** The text as a JSON number when it is one, else as a JSON string. */
    public static String value(String text) {
        return isNumber(text) ? text : string(text);
    }
}
