package dev.brook.adapters.clickhouse.chdb;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UncompressedCacheTest {

    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    @Test
    void theDefaultIsHalfAGibibyte() {
        assertThat(UncompressedCache.configured(null, NO_ENVIRONMENT).bytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(UncompressedCache.configured(" ", Map.of(UncompressedCache.ENVIRONMENT, "")).enabled()).isTrue();
    }

    @Test
    void thePropertyWinsOverTheEnvironmentBothInMebibytes() {
        Map<String, String> environment = Map.of(UncompressedCache.ENVIRONMENT, "64");

        assertThat(UncompressedCache.configured("128", environment).bytes()).isEqualTo(128L << 20);
        assertThat(UncompressedCache.configured(null, environment).bytes()).isEqualTo(64L << 20);
    }

    @Test
    void zeroTurnsItOff() {
        assertThat(UncompressedCache.configured("0", NO_ENVIRONMENT).enabled()).isFalse();
    }

    @Test
    void aSizeThatIsNotAWholeNumberOfMebibytesNamesTheSettingAndWhatItTakes() {
        for (String bad : new String[] {"512MB", "-1", "1.5", "99999999999"}) {
            assertThatThrownBy(() -> UncompressedCache.configured(bad, NO_ENVIRONMENT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(UncompressedCache.PROPERTY)
                    .hasMessageContaining(UncompressedCache.ENVIRONMENT)
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("0 (off)");
        }
        assertThatThrownBy(() -> UncompressedCache.configured(null, Map.of(UncompressedCache.ENVIRONMENT, "lots")))
                .hasMessageContaining("'lots'");
    }

    @Test
    void aNegativeSizeIsRefused() {
        assertThatThrownBy(() -> new UncompressedCache(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
