import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMTP client that sends messages to the relay without pause (unless the {@link Backlog} bound
 * holds it), reconnecting whenever the relay is gone, and records what became of each message it
 * began:
 *
 * <ul>
 *   <li>{@code ACKED}: 250 after the final dot; the relay now owes delivery or a bounce;
 *   <li>{@code REFUSED}: a 4xx or 5xx at MAIL, RCPT, DATA or the dot; the relay must never deliver
 *       it;
 *   <li>{@code IN_DOUBT}: the final dot was (perhaps) sent but no reply came: either is correct;
 *   <li>{@code UNSENT}: the connection broke before the final dot; it must never be delivered.
 * </ul>
 *
 * <p>Line: {@code OUTCOME token rcpt,rcpt millis detail}; detail is the queue id for ACKED, the
 * step and reply code for REFUSED (and the enhanced code, RFC 3463, when the reply has one: {@code
 * DOT:451:4.3.0}), the step for UNSENT.
 *
 * <p>With several relays (nodes sharing one queue) the client starts at the first and moves on to
 * the next whenever a connection cannot be made; with a message budget it stops once the clients
 * sharing it have begun that many messages.
 */
final class LoadClient implements Runnable {

  private static final Pattern QUEUE_ID = Pattern.compile("queued as (\\S+)");
  private static final Pattern ENHANCED =
      Pattern.compile("^\\d{3}[ -]([245]\\.\\d{1,3}\\.\\d{1,3})\\b");
  private static final int CONNECT_TIMEOUT_MS = 2_000;
  // A relay that is alive but does not answer for this long is stuck: the message is in doubt.
  private static final int REPLY_TIMEOUT_MS = 30_000;
  private static final long RECONNECT_PAUSE_MS = 100;

  private record Reply(int code, String line) {
    boolean ok() {
      return code / 100 == 2;
    }
  }

  private final List<InetSocketAddress> relays;
  private final AtomicLong budget;
  private final MessageMaker maker;
  private final Journal outcomes;
  private final Triggers triggers;
  private final Backlog backlog;
  private final AtomicBoolean stop;
  private int current; // the index in relays of the one to connect to
  private boolean spent; // the budget ran out: this client is done
  private SmtpLines in;
  private OutputStream out;

  LoadClient(
      InetSocketAddress relay,
      MessageMaker maker,
      Journal outcomes,
      Triggers triggers,
      Backlog backlog,
      AtomicBoolean stop) {
    this(List.of(relay), new AtomicLong(Long.MAX_VALUE), maker, outcomes, triggers, backlog, stop);
  }

  /**
   * @param relays where to send, the first tried first; the next one whenever a connection fails
   * @param budget messages left to begin, shared with other clients; the client ends at 0
   */
  LoadClient(
      List<InetSocketAddress> relays,
      AtomicLong budget,
      MessageMaker maker,
      Journal outcomes,
      Triggers triggers,
      Backlog backlog,
      AtomicBoolean stop) {
    this.relays = List.copyOf(relays);
    this.budget = budget;
    this.maker = maker;
    this.outcomes = outcomes;
    this.triggers = triggers;
    this.backlog = backlog;
    this.stop = stop;
  }

  @Override
  public void run() {
    while (!stop.get() && !spent) {
      try (Socket socket = new Socket()) {
        try {
          socket.connect(relays.get(current), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
          current = (current + 1) % relays.size(); // that relay is gone: try the next one
          throw e;
        }
        socket.setSoTimeout(REPLY_TIMEOUT_MS);
        in = new SmtpLines(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        session();
      } catch (IOException e) {
        // The relay is down, restarting or just killed: try again shortly, as a real MTA would.
      }
      if (!stop.get() && !spent) pause();
    }
  }

  private void session() throws IOException {
    if (reply().code != 220) return; // e.g. 421 at the connection limit: reconnect later
    if (!command("EHLO client.chaos.test").ok()) return;
    while (!stop.get()) {
      try {
        backlog.awaitRoom(stop);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (stop.get()) break;
      if (budget.getAndUpdate(left -> Math.max(0, left - 1)) == 0) {
        spent = true;
        break;
      }
      if (!sendOne(maker.next())) return;
    }
    command("QUIT");
  }

  /** Sends one message; false when the session cannot go on. */
  private boolean sendOne(MessageMaker.Message m) throws IOException {
    String rcpts = String.join(",", m.recipients());
    String step = "MAIL";
    try {
      Reply r = command("MAIL FROM:<" + m.sender() + ">");
      for (int i = 0; r.ok() && i < m.recipients().size(); i++) {
        step = "RCPT";
        r = command("RCPT TO:<" + m.recipients().get(i) + ">");
      }
      if (r.ok()) {
        step = "DATA";
        r = command("DATA");
        if (r.code == 354) r = null;
      }
      if (r != null) {
        outcomes.add("REFUSED", m.token(), rcpts, System.currentTimeMillis(), refusal(step, r));
        step = null; // recorded: a broken RSET below is not this message's fate
        return command("RSET").ok();
      }
      step = "BODY";
      out.write(m.head());
      if (triggers.isArmed(KillKind.DURING_DATA)) {
        out.flush(); // the relay must really hold half a message when it dies
        triggers.partialData();
      }
      out.write(m.tail());
    } catch (IOException e) {
      if (step != null) outcomes.add("UNSENT", m.token(), rcpts, System.currentTimeMillis(), step);
      throw e;
    }
    Reply end;
    try {
      out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      end = reply();
    } catch (IOException e) {
      outcomes.add("IN_DOUBT", m.token(), rcpts, System.currentTimeMillis(), "DOT");
      throw e;
    }
    if (end.code == 250) {
      Matcher id = QUEUE_ID.matcher(end.line);
      outcomes.add(
          "ACKED", m.token(), rcpts, System.currentTimeMillis(), id.find() ? id.group(1) : "-");
      backlog.acknowledged(m.recipients().size());
      triggers.acknowledged(); // recorded first: a kill here must not lose the record
      return true;
    }
    outcomes.add("REFUSED", m.token(), rcpts, System.currentTimeMillis(), refusal("DOT", end));
    return end.code != 421; // RFC 5321 3.8: 421 means the relay closes the session
  }

  /** {@code STEP:CODE}, or {@code STEP:CODE:X.Y.Z} when the reply has an enhanced code. */
  private static String refusal(String step, Reply r) {
    Matcher enhanced = ENHANCED.matcher(r.line);
    return step + ":" + r.code + (enhanced.find() ? ":" + enhanced.group(1) : "");
  }

  private Reply command(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return reply();
  }

  /** One reply, multi-line ones (RFC 5321 4.2.1) read to their last line. */
  private Reply reply() throws IOException {
    String line;
    do {
      line = in.read();
      if (line == null) throw new EOFException("the relay closed the connection");
      if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)) {
        throw new IOException("not an SMTP reply: " + line);
      }
    } while (line.length() > 3 && line.charAt(3) == '-');
    return new Reply(Integer.parseInt(line.substring(0, 3)), line);
  }

  private static void pause() {
    try {
      Thread.sleep(RECONNECT_PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
