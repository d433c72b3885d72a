package org.danerelay.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code danerelay reload}: asks the running relay, through its control socket, to read its
 * configuration and certificates again, as SIGHUP does.
 */
@Command(
    name = "reload",
    mixinStandardHelpOptions = true,
    description = {
      "Have the running relay read its configuration file and certificates again (as SIGHUP does).",
      "The relay re-reads the file and --set overrides it was started with; --config here only"
          + " finds its data folder. Sessions in progress and queued mail are untouched.",
      "Exit 0: reloaded; 1: refused, the reason names the file and line, and the running"
          + " configuration stays in force; 2: no relay runs."
    })
final class ReloadCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return RunningRelay.ask(
        options, spec, "reload", "(none runs with this data.dir, or it runs as another user)");
  }
}
