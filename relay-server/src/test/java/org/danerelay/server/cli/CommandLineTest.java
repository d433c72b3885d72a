package org.danerelay.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code danerelay} command line as an operator uses it. */
class CommandLineTest {

  @TempDir Path folder;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void badConfigurationStopsStartUpNamingFileLineAndReason() throws Exception {
    Path config = folder.resolve("relay.conf");
    Files.writeString(config, "# test\nsmtpd.listen = 127.0.0.1:0\nsmtpd.max-recipients = many\n");
    int exit = run("run", "--config", config.toString());
    assertEquals(2, exit);
    assertEquals(
        "danerelay: " + config + ":3: smtpd.max-recipients: not a whole number\n", err.toString());
  }

  @Test
  void unknownKeyIsNamedWithASuggestion() throws Exception {
    Path config = folder.resolve("relay.conf");
    Files.writeString(config, "smtpd.lisen = 127.0.0.1:0\n");
    assertEquals(2, run("run", "--config", config.toString()));
    assertTrue(err.toString().contains(config + ":1: unknown key 'smtpd.lisen'"), err.toString());
    assertTrue(err.toString().contains("smtpd.listen"), err.toString());
  }

  @Test
  void badOverrideIsNamed() throws Exception {
    Path config = folder.resolve("relay.conf");
    Files.writeString(config, "");
    assertEquals(2, run("run", "--config", config.toString(), "--set", "relay.networks=nowhere"));
    assertTrue(
        err.toString().startsWith("danerelay: --set relay.networks=nowhere: "), err.toString());
  }

  @Test
  void queueListAndShowReachARunningRelay() throws Exception {
    try (RelayFixture relay = RelayFixture.start(folder)) {
      String id = send(relay);
      Path config = writeConfigFor(relay);
      assertEquals(0, run("queue", "list", "--config", config.toString()));
      assertTrue(out.toString().startsWith(id + "  "), out.toString());
      assertTrue(out.toString().contains("QUEUED    <bob@example.net>"), out.toString());
      assertTrue(out.toString().endsWith("-- 1 message, 1 recipient pending\n"), out.toString());
      assertEquals(0, run("queue", "show", id, "--config", config.toString()));
      assertTrue(out.toString().contains("rcpt:     <bob@example.net> state=QUEUED attempts=0"));
    }
  }

  @Test
  void queueListReadsTheQueueItselfWhenNoRelayRuns() throws Exception {
    String id;
    Path config;
    try (RelayFixture relay = RelayFixture.start(folder)) {
      id = send(relay);
      config = writeConfigFor(relay);
    }
    assertEquals(0, run("queue", "list", "--config", config.toString()));
    assertTrue(out.toString().startsWith(id + "  "), out.toString());
  }

  @Test
  void showingAnUnknownIdFailsWithExitOne() throws Exception {
    Path config = folder.resolve("relay.conf");
    Files.writeString(config, "data.dir = " + folder.resolve("data") + "\n");
    assertEquals(1, run("queue", "show", "0000000000000000", "--config", config.toString()));
    assertEquals("danerelay: no message 0000000000000000\n", err.toString());
  }

  @Test
  void runHelpListsEveryConfigurationKeyWithItsDefault() {
    assertEquals(0, run("run", "--help"));
    assertTrue(out.toString().contains("smtpd.listen = 127.0.0.1:2525"), out.toString());
    assertTrue(out.toString().contains("relay.networks = 127.0.0.0/8, ::1/128"), out.toString());
  }

  @Test
  void versionNamesTheProduct() {
    assertEquals(0, run("--version"));
    assertTrue(out.toString().startsWith("DaneRelay "), out.toString());
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cli = DaneRelayCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static String send(RelayFixture relay) throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      String reply = client.sendMail("alice@example.org", "Subject: x\r\n\r\nx", "bob@example.net");
      assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
      return reply.substring(reply.lastIndexOf(' ') + 1);
    }
  }

  private Path writeConfigFor(RelayFixture relay) throws Exception {
    Path config = folder.resolve("relay.conf");
    Files.write(config, List.of("data.dir = " + relay.config().dataDir()));
    return config;
  }
}
