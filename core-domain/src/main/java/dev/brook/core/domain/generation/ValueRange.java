package dev.brook.core.domain.generation;

/** The interval a generated value is drawn from, uniformly. */
public record ValueRange(double min, double max) {

    public ValueRange {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException("value range " + min + ".." + max + " must be finite with min ≤ max");
        }
    }

    double at(double unit) {
        return min + (max - min) * unit;
    }
}
