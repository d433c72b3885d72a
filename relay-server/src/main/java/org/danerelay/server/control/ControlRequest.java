package org.danerelay.server.control;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.danerelay.queue.CommandOutcome;
import org.danerelay.queue.FinishedMessage;
import org.danerelay.queue.MessageQueue;
import org.danerelay.queue.PostmasterCommands;
import org.danerelay.queue.QueueId;
import org.danerelay.server.bounce.DsnBuilder;
import org.danerelay.server.config.CommandValues;
import org.danerelay.server.config.RelayConfig;
import org.danerelay.server.delivery.BounceSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator commands that the control socket and the offline path both answer: one request line
 * in, a {@link ControlReply} out. Commands that change the queue are logged with who asked.
 */
public final class ControlRequest {

  private static final Logger log = LoggerFactory.getLogger(ControlRequest.class);

  private final MessageQueue queue;
  private final Function<FinishedMessage, Optional<String>> bounces;
  private final Clock clock;

  /**
   * @param bounces queues the DSN of a finished message (as delivery does) and returns its id, if
   *     one was made
   */
  public ControlRequest(
      MessageQueue queue, Function<FinishedMessage, Optional<String>> bounces, Clock clock) {
    this.queue = Objects.requireNonNull(queue, "queue");
    this.bounces = Objects.requireNonNull(bounces, "bounces");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The requests of the relay {@code config} describes: DSNs as its delivery makes them. */
  public static ControlRequest forRelay(RelayConfig config, MessageQueue queue, Clock clock) {
    BounceSender dsns =
        new BounceSender(
            queue, new DsnBuilder(clock, new SecureRandom()), config.hostname(), clock);
    return new ControlRequest(queue, dsns::bounce, clock);
  }

  /**
   * Answers {@code request}; unknown or malformed requests get an error reply.
   *
   * @param requester who asked (a user name), for the log
   */
  public ControlReply answer(String request, String requester) {
    try {
      return dispatch(request, requester);
    } catch (RuntimeException e) {
      // A database or spool failure (the DSN of a bounce could not be queued, say): the queue
      // kept the message as it was, and the postmaster gets the reason rather than a dead socket.
      log.error("control request '{}' by {} failed: {}", request.strip(), requester, e.toString());
      return ControlReply.error("could not answer '" + request.strip() + "': " + e.getMessage());
    }
  }

  private ControlReply dispatch(String request, String requester) {
    List<String> words = List.of(request.strip().split("\\s+"));
    if (words.size() < 2 || !words.get(0).equals("queue")) {
      return ControlReply.error("unknown request: " + request.strip());
    }
    List<String> rest = words.subList(2, words.size());
    switch (words.get(1)) {
      case "list" -> {
        return list(rest);
      }
      case "flush" -> {
        return flush(rest);
      }
      case "show" -> {
        if (rest.size() == 1) {
          String id = rest.get(0);
          return aboutOne(
              id, () -> queue.find(id).map(m -> QueueReport.show(m, queue.attempts(id))));
        }
      }
      case "mta-sts" -> {
        if (rest.size() == 1) {
          return cachedPolicy(rest.get(0));
        }
      }
      case "hold", "release", "delete", "bounce" -> {
        if (rest.size() == 1) {
          return change(words.get(1), rest.get(0), requester);
        }
      }
      default -> {
        // answered below
      }
    }
    return ControlReply.error("unknown request: " + request.strip());
  }

  private ControlReply list(List<String> options) {
    ListFilter filter;
    try {
      filter = ListFilter.parse(options);
    } catch (IllegalArgumentException e) {
      return ControlReply.error(e.getMessage());
    }
    return ControlReply.ok(
        QueueReport.list(filter.apply(queue.list(), clock.instant()), clock.instant()));
  }

  private ControlReply flush(List<String> options) {
    if (options.isEmpty()) {
      return ControlReply.ok(QueueReport.flushed(queue.flush(Optional.empty()), Optional.empty()));
    }
    if (options.size() == 2 && options.get(0).equals("--domain")) {
      String domain;
      try {
        domain = CommandValues.domain(options.get(1));
      } catch (IllegalArgumentException e) {
        return ControlReply.error(e.getMessage());
      }
      return ControlReply.ok(
          QueueReport.flushedDomain(queue.postmaster().flushDomain(domain), domain));
    }
    if (options.size() == 1) {
      Optional<String> id = Optional.of(options.get(0));
      return aboutOne(
          id.get(), () -> queue.find(id.get()).map(m -> QueueReport.flushed(queue.flush(id), id)));
    }
    return ControlReply.error("flush takes an ID or --domain DOMAIN, not both");
  }

  private ControlReply cachedPolicy(String name) {
    String domain;
    try {
      domain = CommandValues.domain(name);
    } catch (IllegalArgumentException e) {
      return ControlReply.error(e.getMessage());
    }
    return ControlReply.ok(
        CachedPolicyReport.describe(domain, queue.stsPolicies().find(domain), clock.instant()));
  }

  private ControlReply change(String verb, String id, String requester) {
    if (!QueueId.isValid(id)) {
      return ControlReply.error("not a queue id: " + id);
    }
    PostmasterCommands commands = queue.postmaster();
    ControlReply reply =
        switch (verb) {
          case "hold" -> CommandReplies.held(id, commands.hold(id));
          case "release" -> CommandReplies.released(id, commands.release(id));
          case "delete" -> CommandReplies.deleted(id, commands.delete(id));
          default -> bounce(commands, id);
        };
    // Who did what to which message: the trail a postmaster looks for after the fact.
    log.info(
        "{}: queue {} by {}: {}{}",
        id,
        verb,
        requester,
        reply.success() ? "" : "refused: ",
        reply.text().strip());
    return reply;
  }

  private ControlReply bounce(PostmasterCommands commands, String id) {
    AtomicReference<Optional<String>> dsn = new AtomicReference<>(Optional.empty());
    CommandOutcome outcome = commands.bounce(id, finished -> dsn.set(bounces.apply(finished)));
    return CommandReplies.bounced(id, outcome, dsn.get());
  }

  /** Reports on a message, once the id has the shape of one and the message exists. */
  private static ControlReply aboutOne(String id, Supplier<Optional<String>> report) {
    // The id reaches the queue only once it has the shape of one, and is answered only if the
    // message exists: flushing an unknown id would otherwise report 0 recipients as if all were
    // well.
    if (!QueueId.isValid(id)) {
      return ControlReply.error("not a queue id: " + id);
    }
    return report.get().map(ControlReply::ok).orElse(ControlReply.error("no message " + id));
  }
}
