package dev.brook.adapters.clickhouse.transport;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowBinaryWriterTest {

    @Test
    void theHeaderNamesAndTypesTheColumnsThenValuesFollowLittleEndian() {
        byte[] batch = new RowBinaryWriter(List.of("n", "x"), List.of("UInt32", "Float64"), 0)
                .uint32(0xFFFF_FFFEL).float64(1.5)
                .toByteArray();

        assertThat(HexFormat.of().formatHex(batch)).isEqualTo("02" + "016e" + "0178" // 2 columns: "n", "x"
                + "0655496e743332" + "07466c6f61743634" // "UInt32", "Float64"
                + "feffffff" + "000000000000f83f"); // 4294967294, 1.5
    }

    @Test
    void stringsAreUtf8WithAVarintLengthAndTimesAreEpochMillis() {
        String longText = "x".repeat(200);
        byte[] batch = new RowBinaryWriter(List.of("s", "t"), List.of("LowCardinality(String)", "DateTime64(3, 'UTC')"), 4)
                .string("Zürich").dateTime64Millis(-1)
                .string(longText).dateTime64Millis(1_704_067_200_123L)
                .toByteArray();

        RowBinaryBatch read = RowBinaryBatch.read(batch);
        assertThat(read.rows()).containsExactly(Map.of("s", "Zürich", "t", -1L), Map.of("s", longText, "t", 1_704_067_200_123L));
        assertThat(HexFormat.of().formatHex(batch)).contains("c801" + "78".repeat(200)); // 200 = varint c8 01
    }

    @Test
    void aHeaderNeedsOneTypePerColumn() {
        assertThatThrownBy(() -> new RowBinaryWriter(List.of("a", "b"), List.of("UInt32"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one type per column");
    }
}
