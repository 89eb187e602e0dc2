package dev.brook.adapters.clickhouse.transport;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryTableTest {

    @Test
    void readsWhatTheBatchWriterWritesInTheSameFormat() {
        byte[] bytes = new RowBinaryWriter(List.of("id", "count", "reading"), List.of("LowCardinality(String)", "UInt32", "Float64"), 64)
                .string("source-1").uint32(4_000_000_000L).float64(21.5)
                .string("grüß").uint32(0).float64(-0.1)
                .toByteArray();

        BinaryTable table = BinaryTable.parse(bytes);

        assertThat(table.columns()).containsExactly("id", "count", "reading");
        assertThat(table.rowCount()).isEqualTo(2);
        assertThat(table.text(0, 0)).isEqualTo("source-1");
        assertThat(table.longValue(0, 1)).isEqualTo(4_000_000_000L);
        assertThat(table.doubleValue(0, 2)).isEqualTo(21.5);
        assertThat(table.text(1, 0)).isEqualTo("grüß");
        assertThat(table.longValue(1, 1)).isZero();
        assertThat(table.doubleValue(1, 2)).isEqualTo(-0.1);
        assertThat(table.text(0, 1)).isEqualTo("4000000000");
    }

    @Test
    void readsEveryWholeNumberWidthSignedAndUnsigned() {
        Answer answer = new Answer("Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64", "Bool", "Float32");
        answer.bytes(1, (byte) -8).bytes(2, (short) -1600).bytes(4, -320_000).bytes(8, Long.MIN_VALUE)
                .bytes(1, (byte) 0xFF).bytes(2, (short) 0xFFFF).bytes(4, 0xFFFF_FFFF).bytes(8, Long.MAX_VALUE)
                .bytes(1, (byte) 1).bytes(4, Float.floatToIntBits(0.25f));

        BinaryTable table = BinaryTable.parse(answer.toByteArray());

        assertThat(table.rowCount()).isEqualTo(1);
        long[] expected = {-8, -1600, -320_000, Long.MIN_VALUE, 255, 65_535, 4_294_967_295L, Long.MAX_VALUE, 1};
        for (int column = 0; column < expected.length; column++) {
            assertThat(table.longValue(0, column)).as("column %d", column).isEqualTo(expected[column]);
        }
        assertThat(table.doubleValue(0, 9)).isEqualTo(0.25);
        assertThat(table.doubleValue(0, 6)).isEqualTo(4_294_967_295.0);
    }

    @Test
    void aCountOrSumIsItsSingleWholeNumber() {
        assertThat(BinaryTable.parse(new Answer("UInt64").bytes(8, 42L).toByteArray()).singleLong()).isEqualTo(42);
        assertThatThrownBy(() -> BinaryTable.parse(new Answer("UInt64").toByteArray()).singleLong())
                .hasMessageContaining("expected one value, got 0 rows");
    }

    @Test
    void anEmptyOutputIsAnAnswerWithoutRows() {
        BinaryTable table = BinaryTable.parse(new byte[0]);

        assertThat(table.rowCount()).isZero();
        assertThat(table.columns()).isEmpty();
    }

    @Test
    void aUInt64BeyondALongIsRefusedRatherThanReadNegative() {
        BinaryTable table = BinaryTable.parse(new Answer("UInt64").bytes(8, -1L).toByteArray());

        assertThatThrownBy(() -> table.longValue(0, 0)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("18446744073709551615").hasMessageContaining("column 'c0'");
        assertThat(table.text(0, 0)).isEqualTo("18446744073709551615");
    }

    @Test
    void aTypeItDoesNotReadIsNamedWithItsColumnAndWhatToDo() {
        assertThatThrownBy(() -> BinaryTable.parse(new Answer("DateTime64(3, 'UTC')").toByteArray()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'c0'").hasMessageContaining("DateTime64(3, 'UTC')").hasMessageContaining("cast it");
    }

    @Test
    void aStringIsNotANumberAndANumberOfTheWrongKindIsNamed() {
        BinaryTable table = BinaryTable.parse(new Answer("String", "Float64").string("x").bytes(8, 1.5).toByteArray());

        assertThatThrownBy(() -> table.doubleValue(0, 0)).hasMessageContaining("'c0' holds strings");
        assertThatThrownBy(() -> table.longValue(0, 1)).hasMessageContaining("'c1' holds FLOAT64");
        assertThatThrownBy(() -> table.longValue(1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void anAnswerCutShortSaysWhere() {
        byte[] whole = new Answer("String", "UInt32").string("abc").bytes(4, 7).string("defg").bytes(4, 8).toByteArray();

        assertThatThrownBy(() -> BinaryTable.parse(Arrays.copyOf(whole, whole.length - 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ends inside row 1, column 'c1'");
        assertThatThrownBy(() -> BinaryTable.parse(Arrays.copyOf(whole, whole.length - 6)))
                .hasMessageContaining("ends inside row 1, column 'c0'");
        assertThatThrownBy(() -> BinaryTable.parse(Arrays.copyOf(whole, 5)))
                .hasMessageContaining("ends inside the name of column 1");
    }

    @Test
    void wideAnswersGrowPastTheFirstGuess() {
        Answer answer = new Answer("UInt8");
        for (int i = 0; i < 1_000; i++) {
            answer.bytes(1, (byte) i);
        }

        BinaryTable table = BinaryTable.parse(answer.toByteArray());

        assertThat(table.rowCount()).isEqualTo(1_000);
        assertThat(table.longValue(999, 0)).isEqualTo(999 & 0xFF);
    }

    /** Rows packed one per string value, laid end to end, read with the header of an answer to the packed columns. */
    @Test
    void packedRowsReadAsRowsOfTheLayoutTheyWerePackedFor() {
        BinaryTable layout = BinaryTable.parse(new Answer("LowCardinality(String)", "Int64", "Float64").toByteArray());
        byte[] first = rowBinaryOnly(new Answer("String", "Int64", "Float64").string("source-0000001").bytes(8, -5L).bytes(8, 2.5));
        byte[] second = rowBinaryOnly(new Answer("String", "Int64", "Float64").string("source-0000002").bytes(8, 7L).bytes(8, -0.0));
        BinaryTable packed = BinaryTable.parse(new Answer("String").bytes(first).bytes(second).toByteArray());
        ByteArrayOutputStream endToEnd = new ByteArrayOutputStream();
        endToEnd.writeBytes(packed.bytes(0, 0));
        endToEnd.writeBytes(packed.bytes(1, 0));

        BinaryTable rows = layout.withRows(endToEnd.toByteArray());

        assertThat(rows.columns()).isEqualTo(layout.columns());
        assertThat(rows.rowCount()).isEqualTo(2);
        assertThat(rows.text(0, 0)).isEqualTo("source-0000001");
        assertThat(rows.longValue(0, 1)).isEqualTo(-5);
        assertThat(rows.doubleValue(0, 2)).isEqualTo(2.5);
        assertThat(rows.text(1, 0)).isEqualTo("source-0000002");
        assertThat(rows.longValue(1, 1)).isEqualTo(7);
        assertThat(layout.withRows(new byte[0]).rowCount()).isZero();
        assertThatThrownBy(() -> layout.withRows(Arrays.copyOf(first, first.length - 1)))
                .hasMessageContaining("ends inside row 0, column 'c2'");
    }

    @Test
    void aStringsBytesAreReturnedAsStoredAndANumberHasNone() {
        byte[] binary = {0, (byte) 0xFF, '\n', '\n', (byte) 0xC3};
        BinaryTable table = BinaryTable.parse(new Answer("String", "UInt8").bytes(binary).bytes(1, (byte) 3).toByteArray());

        assertThat(table.bytes(0, 0)).containsExactly(binary);
        assertThatThrownBy(() -> table.bytes(0, 1)).hasMessageContaining("'c1' holds UINT8 values, not strings");
    }

    /** An answer's rows without its header. */
    private static byte[] rowBinaryOnly(Answer answer) {
        byte[] whole = answer.toByteArray();
        int headerLength = new Answer("String", "Int64", "Float64").toByteArray().length;
        return Arrays.copyOfRange(whole, headerLength, whole.length);
    }

    /** Hand-written RowBinaryWithNamesAndTypes, for types the batch writer has no method for; columns c0, c1, … */
    private static final class Answer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Answer(String... types) {
            out.write(types.length);
            for (int i = 0; i < types.length; i++) {
                string("c" + i);
            }
            for (String type : types) {
                string(type);
            }
        }

        Answer string(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            out.write(utf8.length);
            out.writeBytes(utf8);
            return this;
        }

        /** A string value of raw bytes (shorter than 128: a one-byte length). */
        Answer bytes(byte[] value) {
            out.write(value.length);
            out.writeBytes(value);
            return this;
        }

        Answer bytes(int width, Number value) {
            ByteBuffer buffer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            switch (width) {
                case 1 -> buffer.put(value.byteValue());
                case 2 -> buffer.putShort(value.shortValue());
                case 4 -> buffer.putInt(value.intValue());
                default -> {
                    if (value instanceof Double d) {
                        buffer.putDouble(d);
                    } else {
                        buffer.putLong(value.longValue());
                    }
                }
            }
            out.write(buffer.array(), 0, width);
            return this;
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
