package org.danerelay.server.tlsrpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.danerelay.server.cli.DaneRelayCommand;
import org.danerelay.server.testing.RelayFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code danerelay tlsrpt send} where it cannot send: no relay, TLSRPT off. */
class TlsRptCommandTest {

  @TempDir Path folder;

  private record Run(int exit, String err) {}

  private Run send(Path dataDir) throws Exception {
    Path config = Files.write(folder.resolve("cli.conf"), List.of("data.dir = " + dataDir));
    StringWriter err = new StringWriter();
    CommandLine cli = DaneRelayCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute("tlsrpt", "send", "--day", "2026-12-04", "--config", config.toString());
    return new Run(exit, err.toString());
  }

  @Test
  void saysNoRelayRunsWithExit2() throws Exception {
    Run run = send(folder.resolve("nothing-here"));
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("no relay answers"), run.err());
  }

  @Test
  void refusesWithExit1WhenTlsRptIsOff() throws Exception {
    try (RelayFixture relay = RelayFixture.start(folder.resolve("relay"))) {
      Run run = send(relay.config().dataDir());
      assertEquals(1, run.exit());
      assertTrue(run.err().contains("set tlsrpt.enabled = true"), run.err());
    }
  }
}
