import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Drives K parallel SMTP sessions that submit M messages in total to one loopback server and prints
 * one {@code result ...} line: accepted rate, end-of-data latency percentiles, failures.
 *
 * <p>Run as a source file: {@code java scripts/bench/IngestLoad.java --port 2526 ...}. JDK only.
 * With {@code --serve} one JVM takes run after run from standard input (see {@link #serve()}):
 * the benchmarks use it so that the generator's own JIT settles in the warm-up, as the servers'
 * does.
 * One file because Java's source launcher runs one file; it is longer than the house 200 lines for
 * that reason. Sessions are lock-step (no PIPELINING) so both servers see the same dialogue.
 *
 * <p>For the delivery benchmark ({@code scripts/bench/relay}) it can spread recipients round-robin
 * over several domains ({@code --rcpt-domains}) and write, for every accepted message, its
 * Message-ID, the wall-clock time its {@code 250} arrived and the queue id in that reply ({@code
 * --accepted-out}), so that each delivery can be matched to its acceptance. With {@code --rate R}
 * the sessions start messages from one shared schedule, at most R per second in all, so that the
 * latency of a sender can be measured at a given load rather than at its saturation. With {@code
 * --port P1,P2,...} (several relay nodes sharing one queue: {@code scripts/bench/cluster}) session
 * i connects to the (i mod n)th port.
 */
public final class IngestLoad {
  private static final int TIMEOUT_MS = 30_000;
  private static final int MAX_RECONNECTS = 3;
  private static final int MAX_REPLY_LINE = 2048;
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** Parsed command line; all values checked before any socket opens. */
  record Options(
      String target,
      InetAddress host,
      List<Integer> ports,
      int sessions,
      int messages,
      int size,
      boolean tls,
      String from,
      String rcpt,
      List<String> rcptDomains,
      Path acceptedOut,
      int maxSeconds,
      double rate) {

    static Options parse(String[] args) {
      String target = "server", host = "127.0.0.1", from = "bench@danerelay-bench.test";
      String rcpt = "sink@danerelay-bench.test";
      List<String> rcptDomains = List.of();
      Path acceptedOut = null;
      List<Integer> ports = List.of();
      int sessions = 16, messages = 2000, size = 4096, maxSeconds = 300;
      double rate = 0; // 0: unpaced
      boolean tls = false, paced = false;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--tls")) {
          tls = true;
          continue;
        }
        if (i + 1 >= args.length) throw new IllegalArgumentException("missing value for " + a);
        String v = args[++i];
        switch (a) {
          case "--target" -> target = v;
          case "--host" -> host = v;
          case "--port" -> ports = Arrays.stream(v.split(",", -1)).map(Integer::valueOf).toList();
          case "--sessions" -> sessions = Integer.parseInt(v);
          case "--messages" -> messages = Integer.parseInt(v);
          case "--size" -> size = Integer.parseInt(v);
          case "--from" -> from = v;
          case "--rcpt" -> rcpt = v;
          case "--rcpt-domains" -> rcptDomains = List.of(v.split(",", -1));
          case "--accepted-out" -> acceptedOut = Path.of(v);
          case "--max-seconds" -> maxSeconds = Integer.parseInt(v);
          case "--rate" -> {
            rate = Double.parseDouble(v);
            paced = true;
          }
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      if (ports.isEmpty() || ports.stream().anyMatch(p -> p < 1 || p > 65535)) {
        throw new IllegalArgumentException("--port 1..65535 (or a list P1,P2,...) needed");
      }
      if (sessions < 1 || messages < 1 || maxSeconds < 1) {
        throw new IllegalArgumentException("--sessions, --messages, --max-seconds must be > 0");
      }
      if (paced && !(rate > 0 && rate <= 100_000)) { // also refuses NaN
        throw new IllegalArgumentException("--rate must be above 0 and at most 100000 messages/s");
      }
      for (String addr : List.of(from, rcpt)) {
        if (!addr.matches("[\\x21-\\x7e&&[^<>]]+@[\\x21-\\x7e&&[^<>@]]+")) {
          throw new IllegalArgumentException("bad address " + addr);
        }
      }
      for (String domain : rcptDomains) {
        if (!domain.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
          throw new IllegalArgumentException("bad domain in --rcpt-domains: '" + domain + "'");
        }
      }
      return new Options(
          target,
          loopbackLiteral(host),
          ports,
          sessions,
          messages,
          size,
          tls,
          from,
          rcpt,
          rcptDomains,
          acceptedOut,
          maxSeconds,
          rate);
    }

    /**
     * The port of session i: with several (several relay nodes), the sessions take them in turn,
     * so each server gets its share of the connections and takes as many messages as it answers.
     */
    int port(int session) {
      return ports.get(session % ports.size());
    }

    /**
     * The recipient of message seq: --rcpt, or with --rcpt-domains its local part at the domains in
     * turn, so every domain gets the same share of the load.
     */
    String rcpt(int seq) {
      if (rcptDomains.isEmpty()) return rcpt;
      String local = rcpt.substring(0, rcpt.lastIndexOf('@'));
      return local + "@" + rcptDomains.get(seq % rcptDomains.size());
    }

    /** Only IP literals (so no DNS query is ever made) and only loopback (benchmark rule). */
    private static InetAddress loopbackLiteral(String host) {
      if (!IPV4.matcher(host).matches() && !host.contains(":")) {
        throw new IllegalArgumentException("--host must be an IP literal, not a name: " + host);
      }
      try {
        InetAddress addr = InetAddress.getByName(host); // a literal: parsed, never looked up
        if (!addr.isLoopbackAddress()) {
          throw new IllegalArgumentException("--host must be a loopback address: " + host);
        }
        return addr;
      } catch (IOException e) {
        throw new IllegalArgumentException("bad --host " + host, e);
      }
    }
  }

  /** Builds the test messages: fixed size, unique Message-ID, CRLF lines, dot-stuffed body. */
  static final class MessageFactory {
    private final String runId;
    private final String date;
    private final Options opt;
    private final byte[] stuffedBody;

    MessageFactory(Options opt, String runId) {
      this.opt = opt;
      this.runId = runId;
      this.date = ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME);
      int bodyLen = opt.size() - headers(0).length;
      if (bodyLen < 3) throw new IllegalArgumentException("--size too small for the headers");
      this.stuffedBody = dotStuff(body(bodyLen));
    }

    /**
     * Header block, including the empty line; the same length for every sequence number (with
     * --rcpt-domains, as long as the domains have the same length).
     */
    byte[] headers(int seq) {
      String s =
          String.format(
              Locale.ROOT,
              "Message-ID: %s\r\nDate: %s\r\nFrom: <%s>\r\n"
                  + "To: <%s>\r\nSubject: DaneRelay ingest benchmark %09d\r\nMIME-Version: 1.0\r\n"
                  + "Content-Type: text/plain; charset=us-ascii\r\n\r\n",
              messageId(seq),
              date,
              opt.from(),
              opt.rcpt(seq),
              seq);
      return s.getBytes(StandardCharsets.US_ASCII);
    }

    String messageId(int seq) {
      return String.format(Locale.ROOT, "<ingest.%s.%09d@danerelay-bench.test>", runId, seq);
    }

    byte[] stuffedBody() {
      return stuffedBody;
    }

    /** Exactly len bytes of 72-byte CRLF lines; every eighth line starts with a dot. */
    static byte[] body(int len) {
      StringBuilder b = new StringBuilder(len);
      for (int line = 0; b.length() < len; line++) {
        int left = len - b.length();
        int width = left <= 74 ? left : 72; // so the last line has at least 3 bytes
        String prefix = line % 8 == 7 ? "." : "";
        String text = prefix + "line " + line + " of the ingest benchmark body ";
        StringBuilder l = new StringBuilder(text);
        while (l.length() < width - 2) l.append((char) ('a' + l.length() % 26));
        l.setLength(width - 2);
        b.append(l).append("\r\n");
      }
      return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** RFC 5321 4.5.2: a line that starts with '.' gets one more '.' on the wire. */
    static byte[] dotStuff(byte[] text) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + text.length / 32);
      boolean lineStart = true;
      for (byte c : text) {
        if (lineStart && c == '.') out.write('.');
        out.write(c);
        lineStart = c == '\n';
      }
      return out.toByteArray();
    }
  }

  /**
   * The shared schedule of {@code --rate}: hands out start times at least 1/R apart and never
   * earlier than now. A start that is late (every session was busy) moves the rest of the schedule
   * with it, so the load never catches up in a burst and never runs faster than R.
   */
  static final class Pacer {
    private final long intervalNanos; // 0: unpaced, every start is "now"
    private long nextNanos = System.nanoTime();

    Pacer(double rate) {
      this.intervalNanos = rate > 0 ? Math.round(1e9 / rate) : 0;
    }

    /**
     * Waits until the caller's start time; false (without waiting) when that time is at or past the
     * deadline, or the thread was interrupted.
     */
    boolean awaitStart(long deadlineNanos) {
      if (intervalNanos == 0) return true;
      long slot = claim();
      if (slot - deadlineNanos >= 0) return false;
      try {
        for (long wait; (wait = slot - System.nanoTime()) > 0; ) TimeUnit.NANOSECONDS.sleep(wait);
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    private synchronized long claim() {
      long now = System.nanoTime();
      long slot = now - nextNanos > 0 ? now : nextNanos; // nanoTime values compare by difference
      nextNanos = slot + intervalNanos;
      return slot;
    }
  }

  /** What one session saw; merged after all sessions end. */
  static final class Tally {
    int accepted, rejected, ioErrors, sessionErrors;
    int unsent; // taken from the counter, then not started: its --rate start time was too late
    long[] latencyNanos = new long[64];
    // For --accepted-out, index for index with latencyNanos: which message, when its 250 came.
    int[] seqs = new int[64];
    long[] acceptedMicros = new long[64];
    String[] queueIds = new String[64];

    void accepted(long nanos, int seq, long epochMicros, String queueId) {
      if (accepted == latencyNanos.length) {
        latencyNanos = Arrays.copyOf(latencyNanos, accepted * 2);
        seqs = Arrays.copyOf(seqs, accepted * 2);
        acceptedMicros = Arrays.copyOf(acceptedMicros, accepted * 2);
        queueIds = Arrays.copyOf(queueIds, accepted * 2);
      }
      seqs[accepted] = seq;
      acceptedMicros[accepted] = epochMicros;
      queueIds[accepted] = queueId;
      latencyNanos[accepted++] = nanos; // last: a reader after a forced stop clamps on this count
    }
  }

  record Reply(int code, String text) {}

  /** One SMTP client connection at a time, lock-step, taking messages from a shared counter. */
  static final class Session implements Runnable {
    private final Options opt;
    private final MessageFactory factory;
    private final AtomicInteger next;
    private final Pacer pacer;
    private final long deadlineNanos;
    private final Set<Socket> open;
    private final SSLContext tls;
    private final int port;
    private final Tally tally = new Tally();
    private Socket raw;
    private Socket current;
    private InputStream in;
    private OutputStream out;

    Session(
        Options opt,
        MessageFactory factory,
        AtomicInteger next,
        Pacer pacer,
        long deadlineNanos,
        Set<Socket> open,
        SSLContext tls,
        int port) {
      this.opt = opt;
      this.port = port;
      this.factory = factory;
      this.next = next;
      this.pacer = pacer;
      this.deadlineNanos = deadlineNanos;
      this.open = open;
      this.tls = tls;
    }

    @Override
    public void run() {
      for (int connects = 0; connects <= MAX_RECONNECTS && more(); connects++) {
        try {
          connect();
          if (sendAll()) return; // ended with QUIT
        } catch (IOException | RuntimeException e) {
          tally.sessionErrors++;
          logOnce("session: " + e);
        } finally {
          closeConnection();
        }
      }
    }

    private boolean more() {
      return next.get() < opt.messages() && System.nanoTime() < deadlineNanos;
    }

    private void connect() throws IOException {
      Socket s = new Socket();
      raw = s;
      current = s;
      open.add(s);
      s.setTcpNoDelay(true); // the lone ".\r\n" must not wait for an ACK (Nagle)
      s.connect(new InetSocketAddress(opt.host(), port), TIMEOUT_MS);
      s.setSoTimeout(TIMEOUT_MS);
      streams(s);
      expect(read(), 220, "greeting");
      String helo = "EHLO [" + s.getLocalAddress().getHostAddress() + "]\r\n";
      Reply ehlo = command(helo);
      expect(ehlo, 250, "EHLO");
      if (!opt.tls()) return;
      if (!ehlo.text().toUpperCase(Locale.ROOT).contains("\nSTARTTLS")) {
        throw new IOException("server does not offer STARTTLS");
      }
      expect(command("STARTTLS\r\n"), 220, "STARTTLS");
      SSLSocket t =
          (SSLSocket)
              tls.getSocketFactory().createSocket(s, opt.host().getHostAddress(), port, true);
      current = t;
      open.add(t);
      t.setEnabledProtocols(
          Arrays.stream(t.getSupportedProtocols())
              .filter(p -> p.equals("TLSv1.3") || p.equals("TLSv1.2"))
              .toArray(String[]::new));
      t.setUseClientMode(true);
      t.startHandshake();
      streams(t); // RFC 3207 4.2: forget everything from before TLS, EHLO again
      expect(command(helo), 250, "EHLO after STARTTLS");
    }

    private void streams(Socket s) throws IOException {
      in = new BufferedInputStream(s.getInputStream(), 8192);
      out = new BufferedOutputStream(s.getOutputStream(), 16384);
    }

    /** Sends messages until none are left; false if the connection must be re-opened. */
    private boolean sendAll() throws IOException {
      while (System.nanoTime() < deadlineNanos) {
        int seq = next.getAndIncrement();
        if (seq >= opt.messages()) {
          command("QUIT\r\n");
          return true;
        }
        if (!pacer.awaitStart(deadlineNanos)) {
          tally.unsent++;
          return true;
        }
        try {
          if (!sendOne(seq)) return false;
        } catch (IOException e) {
          tally.ioErrors++;
          logOnce("message " + seq + ": " + e);
          return false;
        }
      }
      return true;
    }

    /** One transaction; false when the server closed the session (421 or similar). */
    private boolean sendOne(int seq) throws IOException {
      Reply r = command("MAIL FROM:<" + opt.from() + ">\r\n");
      if (r.code() == 250) r = command("RCPT TO:<" + opt.rcpt(seq) + ">\r\n");
      if (r.code() == 250) r = command("DATA\r\n");
      if (r.code() == 354) {
        out.write(factory.headers(seq));
        out.write(factory.stuffedBody());
        out.flush();
        long sent = System.nanoTime();
        r = command(".\r\n"); // the message ends with CRLF, so this is CRLF.CRLF
        if (r.code() == 250) {
          long nanos = System.nanoTime() - sent;
          tally.accepted(nanos, seq, epochMicros(), queueId(r.text()));
          return true;
        }
      }
      tally.rejected++;
      logOnce("message " + seq + " refused: " + r.code() + " " + r.text().strip());
      if (r.code() == 421 || r.code() == 221) return false; // server is closing the session
      return command("RSET\r\n").code() == 250;
    }

    private Reply command(String line) throws IOException {
      out.write(line.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return read();
    }

    /** Reads one (possibly multi-line) reply; text keeps every line, LF-separated. */
    private Reply read() throws IOException {
      StringBuilder text = new StringBuilder();
      while (true) {
        String line = readLine();
        if (line.length() < 3 || (line.length() > 3 && "- ".indexOf(line.charAt(3)) < 0)) {
          throw new IOException("malformed reply line: " + line);
        }
        text.append(line, Math.min(4, line.length()), line.length()).append('\n');
        if (line.length() == 3 || line.charAt(3) == ' ') {
          return new Reply(Integer.parseInt(line.substring(0, 3)), text.toString());
        }
      }
    }

    private String readLine() throws IOException {
      StringBuilder b = new StringBuilder();
      for (int c; (c = in.read()) != '\n'; ) {
        if (c < 0) throw new IOException("connection closed by server");
        if (b.length() > MAX_REPLY_LINE) throw new IOException("reply line too long");
        if (c != '\r') b.append((char) c);
      }
      return b.toString();
    }

    private static void expect(Reply r, int code, String step) throws IOException {
      if (r.code() != code) throw new IOException(step + " got " + r.code() + " " + r.text());
    }

    private void closeConnection() {
      for (Socket s : new Socket[] {current, raw}) {
        if (s == null) continue;
        try {
          s.close();
        } catch (IOException ignored) {
          // closing after a failure or QUIT; nothing more to learn
        }
        open.remove(s);
      }
      current = null;
      raw = null;
    }
  }

  /** Wall-clock time in microseconds, comparable with other processes on the same machine. */
  static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  /** The id in "250 2.0.0 Ok: queued as ID" (Postfix and DaneRelay both say so), else "-". */
  static String queueId(String replyText) {
    int at = replyText.lastIndexOf("queued as ");
    if (at < 0) return "-";
    String rest = replyText.substring(at + "queued as ".length()).strip();
    int end = 0;
    while (end < rest.length() && Character.isLetterOrDigit(rest.charAt(end))) end++;
    return end == 0 ? "-" : rest.substring(0, end);
  }

  private static final AtomicInteger LOG_BUDGET = new AtomicInteger(20);

  private static void logOnce(String msg) {
    if (LOG_BUDGET.getAndDecrement() > 0) System.err.println("ingest-load: " + msg);
  }

  /**
   * Accepts any server certificate. Benchmark only: the load generator measures throughput on
   * loopback against servers with throwaway self-signed certificates; it proves nothing about trust
   * and must never be reused for real mail.
   */
  static SSLContext trustAllContext() throws Exception {
    X509ExtendedTrustManager trustAll =
        new X509ExtendedTrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] c, String a) {}

          @Override
          public void checkServerTrusted(X509Certificate[] c, String a) {}

          @Override
          public void checkClientTrusted(X509Certificate[] c, String a, Socket s) {}

          @Override
          public void checkServerTrusted(X509Certificate[] c, String a, Socket s) {}

          @Override
          public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) {}

          @Override
          public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new javax.net.ssl.TrustManager[] {trustAll}, new SecureRandom());
    return ctx;
  }

  static double percentileMs(long[] sorted, int n, double p) {
    if (n == 0) return Double.NaN;
    int rank = (int) Math.ceil(p / 100.0 * n); // nearest-rank method
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }

  private static final String USAGE =
      "usage: java IngestLoad.java --port P[,P2,...] [--host 127.0.0.1] [--sessions K]"
          + " [--messages M] [--size 4096] [--tls] [--from a] [--rcpt a] [--target name]"
          + " [--max-seconds 300] [--rcpt-domains d1,d2,...] [--accepted-out FILE]"
          + " [--rate MSGS_PER_S]\n       java IngestLoad.java --serve";

  /** How one run ended: its exit status, and whether session threads may still be running. */
  record RunEnd(int status, boolean lingering) {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("--serve")) {
      serve();
      return;
    }
    try {
      System.exit(run(Options.parse(args)).status());
    } catch (IllegalArgumentException e) {
      System.err.println("ingest-load: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    }
  }

  /**
   * One JVM for every run of a benchmark: each line on standard input is one run's arguments,
   * separated by tabs; each run answers with its {@code result ...} line, or {@code error ...}
   * for arguments it refuses. A new JVM per run compiled its hot code again inside every measured
   * run, on the CPUs the server under test needs; a long-lived one is warmed by the warm-up runs,
   * as the servers are. Ends at the end of input, or after a run cut off by its time bound whose
   * session threads outlived it by 5 s (the script then starts a new one).
   */
  private static void serve() throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.isBlank()) continue;
      RunEnd end;
      try {
        end = run(Options.parse(line.split("\t", -1)));
      } catch (IllegalArgumentException e) {
        System.out.println("error " + String.valueOf(e.getMessage()).replace('\n', ' '));
        continue;
      }
      if (end.lingering()) return;
    }
  }

  /** One run: the sessions, their time bound, the result line on standard output. */
  private static RunEnd run(Options opt) throws Exception {
    byte[] id = new byte[6];
    new SecureRandom().nextBytes(id);
    MessageFactory factory = new MessageFactory(opt, HexFormat.of().formatHex(id));
    LOG_BUDGET.set(20);
    SSLContext tls = opt.tls() ? trustAllContext() : null;
    AtomicInteger next = new AtomicInteger();
    Pacer pacer = new Pacer(opt.rate());
    Set<Socket> open = ConcurrentHashMap.newKeySet();
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(opt.maxSeconds());
    List<Session> sessions = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(opt.sessions());
    for (int i = 0; i < opt.sessions(); i++) {
      Session s = new Session(opt, factory, next, pacer, deadline, open, tls, opt.port(i));
      sessions.add(s);
      Thread t =
          new Thread(
              () -> {
                try {
                  s.run();
                } finally {
                  done.countDown();
                }
              },
              "session-" + i);
      t.setDaemon(true);
      t.start();
    }
    boolean finished = done.await(opt.maxSeconds(), TimeUnit.SECONDS);
    boolean lingering = false;
    if (!finished) { // the run's time bound: unblock every read, give threads a moment to end
      open.forEach(
          s -> {
            try {
              s.close();
            } catch (IOException ignored) {
              // forced stop
            }
          });
      lingering = !done.await(5, TimeUnit.SECONDS);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (opt.acceptedOut() != null) writeAccepted(opt.acceptedOut(), factory, sessions);
    return new RunEnd(report(opt, sessions, next, seconds, finished), lingering);
  }

  /** One line per accepted message: Message-ID, epoch microseconds of its 250, queue id. */
  private static void writeAccepted(Path file, MessageFactory factory, List<Session> sessions)
      throws IOException {
    StringBuilder b = new StringBuilder();
    for (Session s : sessions) {
      Tally t = s.tally;
      // After a forced stop a thread may still be adding: read each array once, clamp the count.
      int[] seqs = t.seqs;
      long[] micros = t.acceptedMicros;
      String[] ids = t.queueIds;
      int n = Math.min(t.accepted, Math.min(seqs.length, Math.min(micros.length, ids.length)));
      for (int i = 0; i < n; i++) {
        if (ids[i] == null) continue; // the one being added at the forced stop
        b.append(factory.messageId(seqs[i])).append(' ').append(micros[i]).append(' ');
        b.append(ids[i]).append('\n');
      }
    }
    Files.writeString(file, b, StandardCharsets.US_ASCII);
  }

  /**
   * Prints the run's result line; returns its exit status: 0 all accepted, 1 some failed, 3 cut off
   * by the time bound.
   */
  private static int report(
      Options opt, List<Session> sessions, AtomicInteger next, double seconds, boolean finished) {
    int accepted = 0, rejected = 0, ioErrors = 0, sessionErrors = 0, unsent = 0;
    long[] all = new long[0];
    for (Session s : sessions) {
      Tally t = s.tally;
      // After a forced stop a thread may still be writing; read the array once, clamp the count.
      long[] lat = t.latencyNanos;
      int n = Math.min(t.accepted, lat.length);
      all = Arrays.copyOf(all, accepted + n);
      System.arraycopy(lat, 0, all, accepted, n);
      accepted += n;
      rejected += t.rejected;
      ioErrors += t.ioErrors;
      sessionErrors += t.sessionErrors;
      unsent += t.unsent;
    }
    Arrays.sort(all);
    int failed = opt.messages() - accepted;
    // A message the schedule put past --max-seconds was cut off by the time bound too.
    boolean completed = finished && unsent == 0;
    unsent += Math.max(0, opt.messages() - Math.min(next.get(), opt.messages()));
    System.out.printf(
        Locale.ROOT,
        "result target=%s sessions=%d messages=%d accepted=%d failed=%d seconds=%.3f rate=%.1f"
            + " p50_ms=%.3f p99_ms=%.3f rejected=%d io_errors=%d session_errors=%d unsent=%d"
            + " size=%d tls=%s pace_per_s=%s completed=%s%n",
        opt.target(),
        opt.sessions(),
        opt.messages(),
        accepted,
        failed,
        seconds,
        accepted / seconds,
        percentileMs(all, accepted, 50),
        percentileMs(all, accepted, 99),
        rejected,
        ioErrors,
        sessionErrors,
        unsent,
        opt.size(),
        opt.tls(),
        opt.rate() > 0 ? String.format(Locale.ROOT, "%.1f", opt.rate()) : "none",
        completed);
    System.out.flush();
    return !completed ? 3 : failed > 0 ? 1 : 0;
  }
}
