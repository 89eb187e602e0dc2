package dev.brook.core.domain.model;

/**
 * A value that the domain refuses: the message names the field, the value and the rule it broke.
 */
public final class InvalidEventException extends IllegalArgumentException {

    private final String field;

    public InvalidEventException(String field, Object value, String rule) {
        super(field + " " + describe(value) + " " + rule);
        this.field = field;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "is missing: it"; // reads on with the rule: "status is missing: it is required …"
        }
        return value instanceof CharSequence ? "'" + value + "'" : "= " + value;
    }

    /** The name of the offending field, in the spec's snake_case. */
    public String field() {
        return field;
    }
}
