package org.danerelay.server.cli;

import org.danerelay.server.config.ConfigReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code danerelay} command line: run the relay, inspect its queue, manage AUTH users. */
@Command(
    name = "danerelay",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "An SMTP relay that enforces DANE (RFC 7672).",
    subcommands = {
      RunCommand.class,
      ReloadCommand.class,
      QueueCommand.class,
      AuthCommand.class,
      TlsaCommand.class,
      DaneCommand.class,
      TlsRptCommand.class
    })
public final class DaneRelayCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured parser; tests run it in process. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new DaneRelayCommand());
    cli.setExecutionExceptionHandler(new ErrorReporter());
    // 'run --help' lists every configuration key with its default, from the one key table.
    String keys = ConfigReference.text().replace("%", "%%");
    cli.getSubcommands()
        .get("run")
        .getCommandSpec()
        .usageMessage()
        .footer("%nConfiguration keys (conf/relay.conf; override with --set key=value):%n" + keys);
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. 'run'");
  }
}
