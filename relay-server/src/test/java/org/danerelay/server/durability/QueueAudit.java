package org.danerelay.server.durability;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks acknowledged messages against a queue: each must be there under its id, with all its
 * recipients in order and a body that holds its token. Extra messages are fine (a crash between
 * commit and 250 may leave a duplicate); a missing or damaged acknowledged one is a loss.
 */
final class QueueAudit {

  /** Reads the stored text of a message (its spool file or body) as ISO-8859-1. */
  @FunctionalInterface
  interface Bodies {
    String read(String queueId) throws IOException;
  }

  private QueueAudit() {}

  /** One line per lost message: its queue id and what is wrong; empty when nothing was lost. */
  static List<String> losses(
      Collection<AcknowledgedMessage> acknowledged,
      Map<String, List<String>> queuedRecipients,
      Bodies bodies) {
    List<String> losses = new ArrayList<>();
    for (AcknowledgedMessage message : acknowledged) {
      String id = message.queueId();
      List<String> recipients = queuedRecipients.get(id);
      if (recipients == null) {
        losses.add(id + " (not in the queue)");
      } else if (!recipients.equals(message.recipients())) {
        losses.add(
            id + " (recipients " + recipients + ", acknowledged " + message.recipients() + ")");
      } else {
        bodyProblem(message, bodies).ifPresent(problem -> losses.add(id + " (" + problem + ")"));
      }
    }
    return losses;
  }

  private static Optional<String> bodyProblem(AcknowledgedMessage message, Bodies bodies) {
    String text;
    try {
      text = bodies.read(message.queueId());
    } catch (NoSuchFileException e) {
      return Optional.of("indexed, but its spool file is gone");
    } catch (IOException e) {
      return Optional.of("body unreadable: " + e);
    }
    if (!text.contains(LoadMessage.tokenLine(message.token()))) {
      return Optional.of("body lacks the line of token " + message.token());
    }
    return Optional.empty();
  }
}
