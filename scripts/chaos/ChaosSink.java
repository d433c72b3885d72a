import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The SMTP server the relay delivers to, on 127.0.0.1, alive for the whole run (it is never
 * killed): it plays every next hop and records what it accepted, one line per recipient, in {@code
 * sink.log}:
 *
 * <ul>
 *   <li>{@code DELIVER token rcpt millis helo}: a message for {@code chaos.test};
 *   <li>{@code DSN token rcpt millis action helo}: a DSN for {@code sender.test}, per recipient it
 *       reports;
 *   <li>{@code REJECT token rcpt millis helo}: a 550 it gave the relay for a {@code reject-}
 *       recipient.
 * </ul>
 *
 * <p>millis is when the final dot arrived: the sink takes the message then, as an MTA that commits
 * before it replies, so a 250 the relay never read still counts as delivered. helo is the name the
 * relay gave in EHLO ({@code -} before any): it tells relay nodes apart. Recipients whose local
 * part starts with {@code reject} get {@code 550 5.1.1}; {@code tempfail} ones get {@code 451
 * 4.3.0} at their first RCPT only. No STARTTLS and no PIPELINING: the dialogue stays lock-step.
 */
final class ChaosSink implements AutoCloseable {

  private static final int IDLE_TIMEOUT_MS = 120_000;

  private final Journal records;
  private final Triggers triggers;
  private final Backlog backlog;
  private final Set<String> tempfailed = ConcurrentHashMap.newKeySet();
  private final ExecutorService sessions = Executors.newCachedThreadPool();
  private ServerSocket server;

  ChaosSink(Journal records, Triggers triggers, Backlog backlog) {
    this.records = records;
    this.triggers = triggers;
    this.backlog = backlog;
  }

  /** Listens on a free port of 127.0.0.1 and returns it. */
  int start() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
    Thread acceptor = new Thread(this::accept, "chaos-sink");
    acceptor.setDaemon(true);
    acceptor.start();
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sessions.execute(() -> serve(socket));
      } catch (IOException e) {
        // closed: the run is over
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout(IDLE_TIMEOUT_MS);
      SmtpLines in = new SmtpLines(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      send(out, "220 sink.chaos.test ESMTP chaos sink");
      String sender = null;
      String helo = "-";
      List<String> rcpts = new ArrayList<>();
      for (String line = in.read(); line != null; line = in.read()) {
        String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
        switch (verb) {
          case "EHLO" -> {
            helo = heloName(line);
            send(out, "250-sink.chaos.test\r\n250-8BITMIME\r\n250 SIZE 52428800");
          }
          case "HELO" -> {
            helo = heloName(line);
            send(out, "250 2.0.0 Ok");
          }
          case "NOOP" -> send(out, "250 2.0.0 Ok");
          case "RSET" -> {
            sender = null;
            rcpts.clear();
            send(out, "250 2.0.0 Ok");
          }
          case "MAIL" -> {
            sender = path(line);
            rcpts.clear();
            send(out, "250 2.1.0 Ok");
          }
          case "RCPT" ->
              send(
                  out,
                  sender == null ? "503 5.5.1 MAIL first" : recipient(path(line), rcpts, helo));
          case "DATA" -> {
            if (rcpts.isEmpty()) {
              send(out, "554 5.5.1 No valid recipients");
              continue;
            }
            send(out, "354 End data with <CR><LF>.<CR><LF>");
            List<String> content = content(in);
            if (content == null) return; // the relay died mid-message: nothing was taken
            take(out, sender, rcpts, content, helo);
            sender = null;
            rcpts.clear();
          }
          case "QUIT" -> {
            send(out, "221 2.0.0 Bye");
            return;
          }
          default -> send(out, "502 5.5.2 Command not recognized");
        }
      }
    } catch (IOException e) {
      // The relay was killed or dropped the connection: whatever was not taken is not recorded.
    }
  }

  private String recipient(String address, List<String> rcpts, String helo) {
    String local = address.substring(0, Math.max(0, address.indexOf('@')));
    if (local.startsWith("reject")) {
      // When the relay learnt it must bounce: a kill soon after may make it bounce twice.
      records.add(
          "REJECT",
          local.substring(local.indexOf('-') + 1),
          address,
          System.currentTimeMillis(),
          helo);
      return "550 5.1.1 <" + address + ">: no such user (chaos)";
    }
    if (local.startsWith("tempfail") && tempfailed.add(address)) {
      return "451 4.3.0 <" + address + ">: try again later (chaos)";
    }
    rcpts.add(address);
    return "250 2.1.5 Ok";
  }

  /** Records the message at its dot, then replies; the kill hooks sit on both sides of the 250. */
  private void take(
      OutputStream out, String sender, List<String> rcpts, List<String> content, String helo)
      throws IOException {
    long at = System.currentTimeMillis();
    // RFC 3464 3 / RFC 5321 4.5.5: a DSN comes from the null sender, to the original sender.
    boolean dsn = sender.isEmpty();
    if (dsn) {
      DsnReader.Report report = DsnReader.read(content);
      report
          .actions()
          .forEach(
              (rcpt, action) -> {
                records.add("DSN", report.token(), rcpt, at, action, helo);
                backlog.taken();
              });
      if (report.actions().isEmpty()) records.add("DSN", report.token(), "-", at, "none", helo);
    } else {
      String token = token(content);
      for (String rcpt : rcpts) {
        records.add("DELIVER", token, rcpt, at, helo);
        backlog.taken();
      }
    }
    triggers.sinkHasDot(dsn, helo);
    send(out, "250 2.0.0 Ok: taken by the chaos sink");
    triggers.sinkReplied(dsn, helo);
  }

  /** The content up to the final dot, unstuffed (RFC 5321 4.5.2); null if the peer went away. */
  private static List<String> content(SmtpLines in) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line = in.read(); line != null; line = in.read()) {
      if (line.equals(".")) return lines;
      lines.add(line.startsWith(".") ? line.substring(1) : line);
    }
    return null;
  }

  private static String token(List<String> content) {
    for (String line : content) {
      if (line.isEmpty()) break; // end of the header section
      if (line.regionMatches(true, 0, "X-Chaos-Token:", 0, 14)) return line.substring(14).trim();
    }
    return "-";
  }

  /** The name after EHLO or HELO, lower case, as one journal field; {@code -} if none. */
  private static String heloName(String line) {
    String[] words = line.trim().split("\\s+");
    return words.length < 2 ? "-" : words[1].toLowerCase(Locale.ROOT);
  }

  /** The address inside the angle brackets of MAIL FROM or RCPT TO, lower case. */
  private static String path(String line) {
    int open = line.indexOf('<');
    int close = line.indexOf('>', open + 1);
    if (open < 0 || close < 0) return "";
    return line.substring(open + 1, close).toLowerCase(Locale.ROOT);
  }

  private static void send(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    sessions.shutdownNow();
  }
}
