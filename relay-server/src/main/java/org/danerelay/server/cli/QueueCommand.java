package org.danerelay.server.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.danerelay.queue.MessageQueue;
import org.danerelay.queue.QueueId;
import org.danerelay.server.Relay;
import org.danerelay.server.config.RelayConfig;
import org.danerelay.server.control.ControlClient;
import org.danerelay.server.control.ControlReply;
import org.danerelay.server.control.ControlRequest;
import org.danerelay.server.control.ControlSocket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code danerelay queue list|show ID|flush [ID]}: asks the running relay through its control
 * socket, or opens the queue itself when no relay runs.
 */
@Command(
    name = "queue",
    mixinStandardHelpOptions = true,
    description = "Inspect the queue, or flush it.",
    subcommands = {QueueCommand.List.class, QueueCommand.Show.class, QueueCommand.Flush.class})
final class QueueCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List queued messages.")
  static final class List implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      return print(spec, ask(options.load(), "queue list"));
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one message.")
  static final class Show implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "Queue id, as in the 250 reply and the log.")
    String id;

    @Override
    public Integer call() throws Exception {
      if (!QueueId.isValid(id)) {
        return refuse(spec, id);
      }
      return print(spec, ask(options.load(), "queue show " + id));
    }
  }

  @Command(
      name = "flush",
      mixinStandardHelpOptions = true,
      description = "Make queued and deferred recipients due now: of one message, or all.")
  static final class Flush implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "ID",
        arity = "0..1",
        description = "Queue id of the message to flush; without it, the whole queue.")
    String id;

    @Override
    public Integer call() throws Exception {
      if (id == null) {
        return print(spec, ask(options.load(), "queue flush"));
      }
      if (!QueueId.isValid(id)) {
        return refuse(spec, id);
      }
      return print(spec, ask(options.load(), "queue flush " + id));
    }
  }

  static ControlReply ask(RelayConfig config, String request) throws Exception {
    Path socket = ControlSocket.pathIn(config.dataDir());
    Optional<ControlReply> live = ControlClient.ask(socket, request);
    if (live.isPresent()) {
      return live.get();
    }
    try (MessageQueue queue = MessageQueue.open(Relay.queueSettings(config, Clock.systemUTC()))) {
      return ControlRequest.answer(request, queue);
    }
  }

  // Checked here as well as by the answering side: a malformed id (with a space or a line break)
  // would otherwise change the request line itself.
  static int refuse(CommandSpec spec, String id) {
    spec.commandLine().getErr().println("danerelay: not a queue id: " + id);
    return 1;
  }

  static int print(CommandSpec spec, ControlReply reply) {
    if (reply.success()) {
      spec.commandLine().getOut().print(reply.text());
      spec.commandLine().getOut().flush();
      return 0;
    }
    spec.commandLine().getErr().println("danerelay: " + reply.text());
    return 1;
  }
}
