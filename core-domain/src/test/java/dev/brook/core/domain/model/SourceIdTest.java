package dev.brook.core.domain.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceIdTest {

    @Test
    void formatsTheIndexWithSevenDigitsAndReadsItBack() {
        assertThat(SourceId.ofIndex(1234).value()).isEqualTo("source-0001234");
        assertThat(SourceId.ofIndex(0).value()).isEqualTo("source-0000000");
        assertThat(SourceId.ofIndex(SourceId.MAX_INDEX).value()).isEqualTo("source-9999999");
        for (int index : new int[] {0, 1, 9, 10, 16_999, 1_000_000, SourceId.MAX_INDEX}) {
            assertThat(SourceId.ofIndex(index).index()).isEqualTo(index);
        }
        assertThat(SourceId.ofIndex(42)).hasToString("source-0000042").isEqualTo(new SourceId("source-0000042"));
    }

    @Test
    void formatsEveryIndexAsStringFormatWould() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int n = 0; n < 20_000; n++) {
            int index = n < 1_000 ? n : random.nextInt(SourceId.MAX_INDEX + 1);
            assertThat(SourceId.ofIndex(index).value()).isEqualTo(String.format("source-%07d", index));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "source-", "source-123", "source-00012345", "Source-0001234", "sensor_1234",
            "source-000123x", "source-０００１２３４", " source-0001234", "source-0001234", "source-0000000", "source-9999999",
            "source-000123é"})
    void readsAnIdFromBytesExactlyWhenTheConstructorTakesIt(String id) {
        byte[] bytes = ("xy" + id + "z").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int length = bytes.length - 3;
        int index = SourceId.indexOf(bytes, 2, length);
        SourceId parsed;
        try {
            parsed = new SourceId(id);
        } catch (InvalidEventException refused) {
            assertThat(index).as(id).isEqualTo(-1);
            return;
        }
        assertThat(index).as(id).isEqualTo(parsed.index());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "source-", "source-123", "source-00012345", "Source-0001234", "sensor_1234",
            "source-000123x", "source-０００１２３４", " source-0001234"})
    void refusesAnythingElseNamingTheFieldValueAndForm(String bad) {
        assertThatThrownBy(() -> new SourceId(bad))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("source_id '" + bad + "' must look like source-0001234 (the word 'source-' and seven digits)");
    }

    @Test
    void refusesNullAndIndicesOutsideTheFormat() {
        assertThatThrownBy(() -> new SourceId(null)).hasMessageStartingWith("source_id is missing: it must look like source-0001234");
        assertThatThrownBy(() -> SourceId.ofIndex(-1)).hasMessage("source index = -1 must be within 0..9999999");
        assertThatThrownBy(() -> SourceId.ofIndex(10_000_000)).hasMessageContaining("10000000");
    }

    @Test
    void ordersLikeItsIndex() {
        List<SourceId> ids = new ArrayList<>(List.of(SourceId.ofIndex(100), SourceId.ofIndex(9), SourceId.ofIndex(10)));
        Collections.sort(ids);
        assertThat(ids).extracting(SourceId::index).containsExactly(9, 10, 100);
    }
}
