package dev.brook.app.local.wiring;

import dev.brook.app.local.testing.FlatJson;
import dev.brook.core.domain.port.out.DeadLetter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The factories travel inside the serialized job graph: only settings go, never an open store or file. */
class JobFactoriesTest {

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void theSinkFactoryCarriesTheStoreLocationOnly() throws Exception {
        StoreSinkFactory factory = new StoreSinkFactory(StoreLocation.embedded(dir));

        StoreSinkFactory copy = roundTrip(factory);

        assertThat(copy).isEqualTo(factory);
        assertThat(copy.location().embeddedDataDir()).isEqualTo(dir.resolve("clickhouse").toAbsolutePath().toString());
        assertThat(copy.location().clickHouseSettings().dataDir()).hasValue(dir.resolve("clickhouse").toAbsolutePath());
    }

    @Test
    void aServerLocationNeverPrintsItsPassword() {
        StoreLocation server = new StoreLocation(null, "jdbc:clickhouse://db:8123", "brook", "s3cret");

        assertThat(server.toString()).contains("jdbc:clickhouse://db:8123").doesNotContain("s3cret");
        assertThat(server.clickHouseSettings().user()).isEqualTo("brook");
    }

    @Test
    void deadLettersAreSetAsideAsJsonLinesWithTheRawPayload() throws Exception {
        Path file = dir.resolve("dead-letters.jsonl");
        DeadLetterFile.Factory factory = roundTrip(new DeadLetterFile.Factory(file.toString()));

        factory.create().setAside(new DeadLetter("topic/0:12:3", new byte[] {1, 2, 3}, "malformed: truncated", 1_000));
        factory.create().setAside(new DeadLetter("topic/0:12:4", new byte[0], "late: \"window\" closed", 2_000));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        Map<String, Object> first = FlatJson.parseObject(lines.get(0));
        assertThat(first).containsEntry("origin", "topic/0:12:3").containsEntry("reason", "malformed: truncated")
                .containsEntry("received_at", "1970-01-01T00:00:01Z");
        assertThat(Base64.getDecoder().decode((String) first.get("payload_base64"))).containsExactly(1, 2, 3);
        assertThat(FlatJson.parseObject(lines.get(1))).containsEntry("reason", "late: \"window\" closed");
    }
}
