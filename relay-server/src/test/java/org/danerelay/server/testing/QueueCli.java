package org.danerelay.server.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.danerelay.server.cli.DaneRelayCommand;
import picocli.CommandLine;

/**
 * {@code danerelay queue ...} run in this JVM, as a postmaster types it, against a relay's data
 * folder: through its control socket while it runs, on the queue itself when it does not.
 */
public final class QueueCli {

  /** Exit code and what the command printed. */
  public record Result(int exit, String out, String err) {}

  private final Path config;

  private QueueCli(Path config) {
    this.config = config;
  }

  /** For the relay's data folder; the configuration file goes into {@code folder}. */
  public static QueueCli of(RelayFixture relay, Path folder) throws IOException {
    Path config = folder.resolve("queue-cli.conf");
    Files.write(
        config,
        List.of(
            "data.dir = " + relay.config().dataDir(),
            "smtpd.hostname = " + relay.config().hostname()));
    return new QueueCli(config);
  }

  /** Runs {@code danerelay queue ARGS --config FILE}. */
  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = DaneRelayCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("queue"));
    all.addAll(List.of(args));
    all.addAll(List.of("--config", config.toString()));
    int exit = cli.execute(all.toArray(String[]::new));
    return new Result(exit, out.toString(), err.toString());
  }
}
