package dev.brook.core.domain.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte-range checks decide as the string checks do, for any string, its UTF-8 bytes at any offset. */
class IdFormatTest {

    /** Characters near the rules' edges: digits, letters either case, '_', '-', and some beyond ASCII. */
    private static final String ALPHABET = "0123456789az_AZ-/:`{cstuemi é０ß\u0000\u007f";

    @Test
    void byteRangesPassExactlyWhenTheirStringsPass() {
        SplittableRandom random = new SplittableRandom(17);
        String[] stems = {"cust-", "site-", "source-", "", "a", "temperature_"};
        for (int n = 0; n < 50_000; n++) {
            StringBuilder value = new StringBuilder(stems[random.nextInt(stems.length)]);
            for (int k = random.nextInt(9); k > 0; k--) {
                value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            if (random.nextInt(50) == 0) {
                value.append("x".repeat(60));
            }
            String id = value.toString();
            byte[] framed = ("#" + id + "#").getBytes(StandardCharsets.UTF_8);
            int length = framed.length - 2;

            assertThat(IdFormat.isSnakeCase(framed, 1, length)).as(id).isEqualTo(IdFormat.isSnakeCase(id));
            assertThat(IdFormat.prefixedNumber(framed, 1, length, "cust-".getBytes(StandardCharsets.US_ASCII), 6) >= 0).as(id)
                    .isEqualTo(IdFormat.isPrefixAndDigits(id, "cust-", 6));
            assertThat(IdFormat.prefixedNumber(framed, 1, length, "site-".getBytes(StandardCharsets.US_ASCII), 5) >= 0).as(id)
                    .isEqualTo(IdFormat.isPrefixAndDigits(id, "site-", 5));
            assertThat(IdFormat.prefixedNumber(framed, 1, length, "source-".getBytes(StandardCharsets.US_ASCII), 7) >= 0).as(id)
                    .isEqualTo(IdFormat.isPrefixAndDigits(id, "source-", 7));
        }
    }

    @Test
    void readsTheNumberAfterThePrefix() {
        byte[] ids = "xsource-0001234ysource-9999999".getBytes(StandardCharsets.US_ASCII);
        byte[] prefix = "source-".getBytes(StandardCharsets.US_ASCII);
        assertThat(IdFormat.prefixedNumber(ids, 1, 14, prefix, 7)).isEqualTo(1234);
        assertThat(IdFormat.prefixedNumber(ids, 16, 14, prefix, 7)).isEqualTo(9_999_999);
        assertThat(IdFormat.prefixedNumber(ids, 0, 14, prefix, 7)).isEqualTo(-1);
    }
}
