package org.danerelay.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code danerelay reload}: exit 0 reloaded, 1 refused with file and line, 2 no relay. */
@Timeout(60)
class ReloadCommandTest {

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();
  @TempDir Path folder;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void aGoodConfigurationIsReloadedAndTheNewLimitAppliesToTheNextTransaction() throws Exception {
    RelayFixture relay = relays.start();
    // The operator edits the relay's file and asks it to reload, naming the same file.
    write(relay.configFile(), "smtpd.max-recipients = 1\n");

    assertEquals(0, run("reload", "--config", relay.configFile().toString()), err.toString());

    assertTrue(
        out.toString()
            .startsWith("reloaded " + relay.configFile() + ": changed smtpd.max-recipients;"),
        out.toString());
    assertTrue(
        out.toString().contains("TLS certificate for new sessions: subject \"CN=relay.test\""),
        out.toString());
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.command("MAIL FROM:<a@client.test>");
      assertTrue(client.command("RCPT TO:<one@elsewhere.test>").startsWith("250"));
      assertEquals(
          "452 4.5.3 Error: too many recipients", client.command("RCPT TO:<two@elsewhere.test>"));
    }
  }

  @Test
  void aBadLineIsRefusedWithExitOneNamingFileAndLineAndTheOldLimitStays() throws Exception {
    RelayFixture relay = relays.start();
    // The file the command reads is broken too: it still finds the relay by its data.dir.
    write(
        relay.configFile(),
        "data.dir = " + relay.config().dataDir() + "\nsmtpd.max-recipients = many\n");

    assertEquals(1, run("reload", "--config", relay.configFile().toString()));

    assertEquals(
        "danerelay: reload refused, the running configuration stays in force: "
            + relay.configFile()
            + ":2: smtpd.max-recipients: not a whole number\n",
        err.toString());
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      client.command("MAIL FROM:<a@client.test>");
      assertTrue(client.command("RCPT TO:<one@elsewhere.test>").startsWith("250"));
      assertTrue(client.command("RCPT TO:<two@elsewhere.test>").startsWith("250"));
    }
  }

  @Test
  void withNoRelayRunningItExitsTwo() throws Exception {
    Path config =
        write(folder.resolve("relay.conf"), "data.dir = " + folder.resolve("data") + "\n");

    assertEquals(2, run("reload", "--config", config.toString()));

    assertTrue(err.toString().startsWith("danerelay: no relay answers on "), err.toString());
  }

  private static Path write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cli = DaneRelayCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
