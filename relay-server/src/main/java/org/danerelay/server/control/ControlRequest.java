package org.danerelay.server.control;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.danerelay.queue.MessageQueue;
import org.danerelay.queue.QueueId;
import org.danerelay.queue.QueuedMessage;

/**
 * The operator commands that the control socket and the offline path both answer: one request line
 * in, a {@link ControlReply} out.
 */
public final class ControlRequest {

  private ControlRequest() {}

  /** Answers {@code request} from {@code queue}; unknown requests get an error reply. */
  public static ControlReply answer(String request, MessageQueue queue) {
    List<String> words = List.of(request.strip().split("\\s+"));
    if (words.equals(List.of("queue", "list"))) {
      return ControlReply.ok(QueueReport.list(queue.list()));
    }
    if (words.equals(List.of("queue", "flush"))) {
      return ControlReply.ok(QueueReport.flushed(queue.flush(Optional.empty()), Optional.empty()));
    }
    if (words.size() == 3 && words.subList(0, 2).equals(List.of("queue", "show"))) {
      String id = words.get(2);
      return aboutOne(id, queue, found -> QueueReport.show(found, queue.attempts(id)));
    }
    if (words.size() == 3 && words.subList(0, 2).equals(List.of("queue", "flush"))) {
      Optional<String> id = Optional.of(words.get(2));
      return aboutOne(id.get(), queue, found -> QueueReport.flushed(queue.flush(id), id));
    }
    return ControlReply.error("unknown request: " + request.strip());
  }

  // The id reaches the queue only once it has the shape of one, and is answered only if the
  // message exists: flushing an unknown id would otherwise report 0 recipients as if all were well.
  private static ControlReply aboutOne(
      String id, MessageQueue queue, Function<QueuedMessage, String> report) {
    if (!QueueId.isValid(id)) {
      return ControlReply.error("not a queue id: " + id);
    }
    return queue
        .find(id)
        .map(report.andThen(ControlReply::ok))
        .orElse(ControlReply.error("no message " + id));
  }
}
