package org.danerelay.server.cli;

import java.util.concurrent.Callable;
import org.danerelay.queue.QueueId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code danerelay queue hold|release|delete|bounce ID}: the commands that change one message, safe
 * while the relay delivers (docs/adr/0011-queue-control.md).
 */
final class QueueChangeCommands {

  private QueueChangeCommands() {}

  /** One message's id, sent as {@code queue VERB ID}. */
  abstract static class OnOneMessage implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "Queue id, as in the 250 reply and the log.")
    String id;

    @Override
    public Integer call() throws Exception {
      if (!QueueId.isValid(id)) {
        return QueueCommand.refuse(spec, id);
      }
      String verb = spec.name();
      return QueueCommand.print(spec, QueueCommand.ask(options.load(), "queue " + verb + " " + id));
    }
  }

  @Command(
      name = "hold",
      mixinStandardHelpOptions = true,
      description =
          "Put a message on hold: its pending recipients are not delivered, and do not expire,"
              + " until released. One in flight is held if its attempt defers.")
  static final class Hold extends OnOneMessage {}

  @Command(
      name = "release",
      mixinStandardHelpOptions = true,
      description = "Release a held message: its held recipients are due now.")
  static final class Release extends OnOneMessage {}

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description =
          "Delete a message without a DSN. If recipients are in flight, it goes when their"
              + " attempts end.")
  static final class Delete extends OnOneMessage {}

  @Command(
      name = "bounce",
      mixinStandardHelpOptions = true,
      description =
          "Return a message's pending recipients to the sender now, with a DSN"
              + " (5.0.0; none for a <> sender).")
  static final class Bounce extends OnOneMessage {}
}
