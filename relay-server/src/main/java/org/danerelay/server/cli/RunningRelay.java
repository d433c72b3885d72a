package org.danerelay.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.danerelay.server.control.ControlClient;
import org.danerelay.server.control.ControlReply;
import org.danerelay.server.control.ControlSocket;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Has the running relay carry out a request that only it can (a reload, sending reports), through
 * its control socket, and prints its answer. Exit codes are the same for all such commands.
 */
final class RunningRelay {

  static final int DONE = 0;
  static final int REFUSED = 1;
  static final int NO_RELAY = 2;

  private RunningRelay() {}

  /**
   * @param noRelay what to add after "no relay answers on SOCKET" when none does
   * @return {@link #DONE}, {@link #REFUSED} (the reason printed), or {@link #NO_RELAY}
   */
  static int ask(ConfigOptions options, CommandSpec spec, String request, String noRelay)
      throws IOException {
    Path socket = ControlSocket.pathIn(options.dataDir());
    Optional<ControlReply> reply = ControlClient.ask(socket, request);
    PrintWriter err = spec.commandLine().getErr();
    if (reply.isEmpty()) {
      err.println("danerelay: no relay answers on " + socket + " " + noRelay);
      return NO_RELAY;
    }
    if (!reply.get().success()) {
      err.println("danerelay: " + reply.get().text().strip());
      return REFUSED;
    }
    PrintWriter out = spec.commandLine().getOut();
    String text = reply.get().text();
    out.print(text.endsWith("\n") ? text : text + "\n");
    out.flush();
    return DONE;
  }
}
