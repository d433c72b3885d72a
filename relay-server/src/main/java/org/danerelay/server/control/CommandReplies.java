package org.danerelay.server.control;

import static org.danerelay.server.control.QueueReport.plural;

import java.util.Optional;
import org.danerelay.queue.CommandOutcome;
import org.danerelay.queue.FinishedMessage;
import org.danerelay.queue.Removal;

/**
 * Says what {@code queue hold|release|delete|bounce ID} did, in one line: how many recipients, and
 * what waits for an attempt in flight.
 */
final class CommandReplies {

  private CommandReplies() {}

  static ControlReply held(String id, CommandOutcome outcome) {
    if (outcome instanceof CommandOutcome.Changed changed) {
      return ControlReply.ok(
          line(
              "held %d recipient%s of %s%s",
              changed.recipients(),
              plural(changed.recipients()),
              id,
              inFlight(changed.inFlight())));
    }
    return other(id, outcome);
  }

  static ControlReply released(String id, CommandOutcome outcome) {
    if (outcome instanceof CommandOutcome.Changed changed) {
      return ControlReply.ok(
          line(
              "released %d recipient%s of %s: due now",
              changed.recipients(), plural(changed.recipients()), id));
    }
    if (outcome instanceof CommandOutcome.Removing removing) {
      return ControlReply.error(
          String.format(
              "nothing released: %s is being %s when its attempts in flight end (%s)",
              id,
              removing.removal() == Removal.DELETE ? "deleted" : "bounced",
              recipients(removing.inFlight(), "in flight")));
    }
    return other(id, outcome);
  }

  static ControlReply deleted(String id, CommandOutcome outcome) {
    if (outcome instanceof CommandOutcome.Removed removed) {
      return ControlReply.ok(
          line(
              "deleted %s: %d recipient%s pending, no DSN",
              id, removed.recipients(), plural(removed.recipients())));
    }
    return other(id, outcome);
  }

  /**
   * @param dsn the DSN's queue id, if one was queued
   */
  static ControlReply bounced(String id, CommandOutcome outcome, Optional<String> dsn) {
    if (outcome instanceof CommandOutcome.Removed removed) {
      String sender = removed.dsn().map(FinishedMessage::sender).orElse("");
      String report =
          dsn.map(queued -> "DSN " + queued + " queued for <" + sender + ">")
              .orElse(sender.isEmpty() ? "no DSN, the sender is <>" : "no DSN, see the log");
      return ControlReply.ok(
          line(
              "bounced %d recipient%s of %s: %s",
              removed.recipients(), plural(removed.recipients()), id, report));
    }
    return other(id, outcome);
  }

  private static ControlReply other(String id, CommandOutcome outcome) {
    if (outcome instanceof CommandOutcome.Removing removing) {
      boolean delete = removing.removal() == Removal.DELETE;
      return ControlReply.ok(
          line(
              "%s %s when its attempts in flight end (%s, %d held): %s",
              delete ? "deleting" : "bouncing",
              id,
              recipients(removing.inFlight(), "in flight"),
              removing.recipients() - removing.inFlight(),
              delete ? "no DSN" : "what is still pending then goes back to the sender"));
    }
    if (outcome instanceof CommandOutcome.NotQueued) {
      return ControlReply.error("no message " + id);
    }
    throw new IllegalStateException(id + ": unexpected " + outcome);
  }

  /** Recipients held while being delivered: their attempt ends, and only a deferral is held. */
  private static String inFlight(int count) {
    if (count == 0) {
      return "";
    }
    return String.format(
        " (%d of them in flight: held if %s)",
        count, count == 1 ? "its attempt defers" : "their attempts defer");
  }

  private static String recipients(int count, String what) {
    return count + " recipient" + plural(count) + " " + what;
  }

  private static String line(String format, Object... values) {
    return String.format(format, values) + System.lineSeparator();
  }
}
