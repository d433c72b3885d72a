package org.danerelay.server.control;

import java.util.List;
import java.util.Optional;
import org.danerelay.queue.MessageQueue;
import org.danerelay.queue.QueueId;

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
    if (words.size() == 3 && words.get(0).equals("queue") && words.get(1).equals("show")) {
      String id = words.get(2);
      if (!QueueId.isValid(id)) {
        return ControlReply.error("not a queue id: " + id);
      }
      Optional<String> shown = QueueReport.show(queue.find(id));
      return shown.map(ControlReply::ok).orElse(ControlReply.error("no message " + id));
    }
    return ControlReply.error("unknown request: " + request.strip());
  }
}
