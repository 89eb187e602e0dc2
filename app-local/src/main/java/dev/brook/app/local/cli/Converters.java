package dev.brook.app.local.cli;

import dev.brook.app.local.settings.InfraMode;
import dev.brook.core.domain.generation.DomainProfile;
import dev.brook.core.domain.generation.DomainProfiles;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.produce.ProduceRate;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Command-line value parsers: each refuses a bad value with a message that says what would be right. */
final class Converters {

    private Converters() {
    }

    static final class RateConverter implements ITypeConverter<ProduceRate> {
        @Override
        public ProduceRate convert(String value) {
            return refusing(() -> ProduceRate.parse(value));
        }
    }

    static final class DomainConverter implements ITypeConverter<DomainProfile> {
        @Override
        public DomainProfile convert(String value) {
            return refusing(() -> DomainProfiles.byName(value));
        }
    }

    static final class InfraConverter implements ITypeConverter<InfraMode> {
        @Override
        public InfraMode convert(String value) {
            return refusing(() -> InfraMode.parse(value));
        }
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return refusing(() -> parseDuration(value));
        }
    }

    static final class EpochMillisConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return refusing(() -> parseInstantMillis(value));
        }
    }

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 such as {@code PT1M30S}. */
    static Duration parseDuration(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher simple = SIMPLE_DURATION.matcher(trimmed);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 500ms, 30s, 5m, 2h or PT1M30S");
        }
    }

    /** Epoch milliseconds ({@code 1735689600000}) or an ISO-8601 instant ({@code 2025-01-01T00:00:00Z}). */
    static long parseInstantMillis(String text) {
        String trimmed = text == null ? "" : text.trim();
        long millis;
        if (trimmed.matches("\\d{1,15}")) {
            millis = Long.parseLong(trimmed);
        } else {
            try {
                millis = Instant.parse(trimmed).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException("'" + text + "' is not a time; write epoch milliseconds (1735689600000)"
                        + " or an ISO-8601 instant (2025-01-01T00:00:00Z)");
            }
        }
        if (millis < 0 || millis > Event.MAX_EVENT_TIME_MILLIS) {
            throw new IllegalArgumentException("'" + text + "' is outside the event times Brook takes, 1970-01-01T00:00:00Z to "
                    + Instant.ofEpochMilli(Event.MAX_EVENT_TIME_MILLIS));
        }
        return millis;
    }

    private static <T> T refusing(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
