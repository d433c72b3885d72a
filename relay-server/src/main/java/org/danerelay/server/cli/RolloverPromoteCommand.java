package org.danerelay.server.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.danerelay.server.config.RelayConfig;
import org.danerelay.server.control.ControlClient;
import org.danerelay.server.control.ControlSocket;
import org.danerelay.server.rollover.RolloverFiles;
import org.danerelay.server.rollover.RolloverPromote;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code danerelay tlsa rollover promote}: switch to the next key once it is safe. */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = {
      "Install a certificate for the next key, only when 'status' says safe; the running relay"
          + " then serves it to new sessions (a reload: nothing is dropped). A new next key is"
          + " made, and the records to publish now are printed.",
      "Exit 0: promoted; 1 or 2: not safe (as status); 2: refused (wrong certificate, bad input)."
    })
final class RolloverPromoteCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Option(
      names = "--cert",
      paramLabel = "NEW.pem",
      description =
          "Certificate for the next key (chain, leaf first); not for a self-signed relay, which"
              + " makes its own.")
  Path cert;

  @Override
  public Integer call() throws IOException, GeneralSecurityException {
    RelayConfig config = options.load();
    RolloverFiles files = RolloverFiles.of(config);
    Path socket = ControlSocket.pathIn(config.dataDir());
    try {
      RolloverPromote.Outcome outcome =
          RolloverPromote.promote(
              files,
              Optional.ofNullable(cert),
              RolloverSurveys.status(config, files),
              () -> ControlClient.ask(socket, "reload"),
              Clock.systemUTC());
      (outcome.exitCode() == 0 ? spec.commandLine().getOut() : spec.commandLine().getErr())
          .print(outcome.text());
      spec.commandLine().getOut().flush();
      spec.commandLine().getErr().flush();
      return outcome.exitCode();
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("danerelay: not promoted: " + e.getMessage());
      return ErrorReporter.BAD_INPUT;
    }
  }
}
