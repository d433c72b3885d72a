package org.danerelay.server.rollover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rollover's state file: what one run writes the next reads, and a damaged one is named. */
class RolloverStateTest {

  private static final TlsaRecord ISSUER = TlsaRecord.parse("2 1 1 " + "cd".repeat(32));

  @TempDir Path folder;

  @Test
  void whatIsSavedIsReadBack() throws IOException {
    Instant seen = Instant.parse("2025-06-01T10:00:00Z");
    RolloverState state =
        new RolloverState(
            RolloverScheme.CURRENT_ISSUER,
            List.of("mx1.example.nl", "mx2.example.nl"),
            25,
            Optional.of(ISSUER),
            Instant.parse("2025-05-31T09:00:00Z"),
            Map.of(RolloverState.sighting("_25._tcp.mx1.example.nl.", ISSUER), seen));
    Path file = folder.resolve("key.pem.rollover");

    state.save(file);

    assertEquals(state, RolloverState.load(file));
  }

  @Test
  void aDamagedLineIsNamedWithItsFileAndLine() throws IOException {
    Path file =
        Files.writeString(
            folder.resolve("key.pem.rollover"),
            "scheme=current+next\nhost=mx.example.nl\nport=x\n");

    IOException damaged = assertThrows(IOException.class, () -> RolloverState.load(file));

    assertTrue(damaged.getMessage().startsWith(file + ":3: "), damaged.getMessage());
  }

  @Test
  void withoutAStateFileTheOperatorIsToldToStartWithInit() {
    IOException missing =
        assertThrows(
            IOException.class, () -> RolloverState.load(folder.resolve("key.pem.rollover")));

    assertTrue(missing.getMessage().contains("tlsa rollover init"), missing.getMessage());
  }

  @Test
  void waitsAreShownAsAPersonReadsThem() {
    assertEquals("2s", RolloverStatus.human(Duration.ofMillis(1500)));
    assertEquals("1h 5m", RolloverStatus.human(Duration.ofMinutes(65)));
    assertEquals("2d 1s", RolloverStatus.human(Duration.ofDays(2).plusSeconds(1)));
  }
}
