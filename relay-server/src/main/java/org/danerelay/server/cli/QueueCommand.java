package org.danerelay.server.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.danerelay.queue.MessageQueue;
import org.danerelay.queue.QueueId;
import org.danerelay.server.Relay;
import org.danerelay.server.config.CommandValues;
import org.danerelay.server.config.RelayConfig;
import org.danerelay.server.control.ControlClient;
import org.danerelay.server.control.ControlReply;
import org.danerelay.server.control.ControlRequest;
import org.danerelay.server.control.ControlSocket;
import org.danerelay.server.control.ListFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code danerelay queue list|show|flush|hold|release|delete|bounce}: asks the running relay
 * through its control socket, or opens the queue itself when no relay runs.
 */
@Command(
    name = "queue",
    mixinStandardHelpOptions = true,
    description = "Inspect the queue, flush it, hold, release, delete or bounce a message.",
    subcommands = {
      QueueCommand.List.class,
      QueueCommand.Show.class,
      QueueCommand.Flush.class,
      QueueChangeCommands.Hold.class,
      QueueChangeCommands.Release.class,
      QueueChangeCommands.Delete.class,
      QueueChangeCommands.Bounce.class
    })
final class QueueCommand {

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List queued messages; with filters, the recipients that match.")
  static final class List implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Recipients at DOMAIN.")
    String domain;

    @Option(
        names = "--state",
        paramLabel = "STATE",
        description = "Recipients in STATE: QUEUED, DEFERRED, HELD, DELIVERED or BOUNCED.")
    String state;

    @Option(
        names = "--older-than",
        paramLabel = "AGE",
        description = "Messages received longer ago than AGE (30m, 2h, 3d).")
    String olderThan;

    @Override
    public Integer call() throws Exception {
      ListFilter filter;
      try {
        filter = ListFilter.of(domain, state, olderThan);
      } catch (IllegalArgumentException e) {
        return fail(spec, e.getMessage());
      }
      // The filter's words hold no white space: they cannot change the request line.
      String request = String.join(" ", "queue", "list", String.join(" ", filter.words()));
      return print(spec, ask(options.load(), request.strip()));
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
      description =
          "Make queued and deferred recipients due now: of one message, at one domain, or all.")
  static final class Flush implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "ID",
        arity = "0..1",
        description = "Queue id of the message to flush; without it (and --domain), all.")
    String id;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Recipients at DOMAIN.")
    String domain;

    @Override
    public Integer call() throws Exception {
      if (id != null && domain != null) {
        return fail(spec, "give an ID or --domain, not both");
      }
      if (domain != null) {
        String checked;
        try {
          checked = CommandValues.domain(domain);
        } catch (IllegalArgumentException e) {
          return fail(spec, e.getMessage());
        }
        return print(spec, ask(options.load(), "queue flush --domain " + checked));
      }
      if (id == null) {
        return print(spec, ask(options.load(), "queue flush"));
      }
      if (!QueueId.isValid(id)) {
        return refuse(spec, id);
      }
      return print(spec, ask(options.load(), "queue flush " + id));
    }
  }

  /** The running relay's reply to {@code request}, or the queue's own when no relay runs. */
  static ControlReply ask(RelayConfig config, String request) throws Exception {
    Path socket = ControlSocket.pathIn(config.dataDir());
    Optional<ControlReply> live = ControlClient.ask(socket, request);
    if (live.isPresent()) {
      return live.get();
    }
    Clock clock = Clock.systemUTC();
    try (MessageQueue queue = MessageQueue.open(Relay.queueSettings(config, clock))) {
      String user = System.getProperty("user.name", "unknown user");
      return ControlRequest.forRelay(config, queue, clock).answer(request, user + " (offline)");
    }
  }

  // Checked here as well as by the answering side: a malformed id (with a space or a line break)
  // would otherwise change the request line itself.
  static int refuse(CommandSpec spec, String id) {
    return fail(spec, "not a queue id: " + id);
  }

  static int fail(CommandSpec spec, String reason) {
    spec.commandLine().getErr().println("danerelay: " + reason);
    return 1;
  }

  static int print(CommandSpec spec, ControlReply reply) {
    if (reply.success()) {
      spec.commandLine().getOut().print(reply.text());
      spec.commandLine().getOut().flush();
      return 0;
    }
    return fail(spec, reply.text());
  }
}
