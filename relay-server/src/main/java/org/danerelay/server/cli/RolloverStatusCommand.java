package org.danerelay.server.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.danerelay.server.config.RelayConfig;
import org.danerelay.server.rollover.RolloverFiles;
import org.danerelay.server.rollover.RolloverState;
import org.danerelay.server.rollover.RolloverVerdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code danerelay tlsa rollover status}: is the switch safe, and if not, why and for how long. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Ask every authoritative name server of each MX host for its TLSA records: is every record"
          + " needed after the switch on all of them, and for how long (two TTLs is safe)?",
      "Exit 0: safe to promote; 1: warning (not long enough yet, or the current record is missing"
          + " somewhere); 2: critical (a needed record is missing, or a server cannot be asked)."
    })
final class RolloverStatusCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    RelayConfig config = options.load();
    RolloverFiles files = RolloverFiles.of(config);
    RolloverState state = RolloverState.load(files.state());
    RolloverVerdict verdict = RolloverSurveys.status(config, files).check(state);
    spec.commandLine().getOut().print(verdict.text());
    spec.commandLine().getOut().flush();
    return verdict.level().exitCode();
  }
}
