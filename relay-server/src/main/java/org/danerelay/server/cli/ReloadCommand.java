package org.danerelay.server.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.danerelay.server.control.ControlClient;
import org.danerelay.server.control.ControlReply;
import org.danerelay.server.control.ControlSocket;
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

  static final int REFUSED = 1;
  static final int NO_RELAY = 2;

  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path socket = ControlSocket.pathIn(options.dataDir());
    Optional<ControlReply> reply = ControlClient.ask(socket, "reload");
    if (reply.isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "danerelay: no relay answers on "
                  + socket
                  + " (none runs with this data.dir, or it runs as another user)");
      return NO_RELAY;
    }
    if (reply.get().success()) {
      spec.commandLine().getOut().print(reply.get().text());
      spec.commandLine().getOut().flush();
      return 0;
    }
    spec.commandLine().getErr().println("danerelay: " + reply.get().text());
    return REFUSED;
  }
}
