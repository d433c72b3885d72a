import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A fast receiving SMTP server for the delivery benchmark: accepts every message on one or more
 * loopback listeners (one per MX host, each with its own key), and records for each message its
 * Message-ID, the wall-clock time its final "." arrived, the TLS protocol of the session and the
 * listener, one line per message in a file that is kept current while it runs.
 *
 * <p>Run as a source file: {@code java scripts/bench/BenchSink.java --out FILE --mx
 * 127.0.0.11:25,cert.pem,key.pem ...}. JDK only. One file because Java's source launcher runs one
 * file; it is longer than the house 200 lines for that reason. It stores nothing but the record
 * line: the content is read and dropped. Benchmark only: it accepts mail from anyone who can reach
 * loopback and must never listen anywhere else.
 */
public final class BenchSink {
  private static final int IDLE_TIMEOUT_MS = 300_000;
  private static final int MAX_LINE = 65_536; // far above RFC 5321's 1000; only a guard
  private static final int MAX_HEADER_KEPT = 998;
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** One listener: where it binds and the key and certificate it presents after STARTTLS. */
  record Mx(InetAddress address, int port, Path cert, Path key) {
    static Mx parse(String spec) {
      String[] parts = spec.split(",", -1);
      if (parts.length != 3) throw new IllegalArgumentException("--mx ADDR:PORT,CERT,KEY: " + spec);
      int colon = parts[0].lastIndexOf(':');
      if (colon < 0) throw new IllegalArgumentException("--mx needs ADDR:PORT: " + spec);
      String host = parts[0].substring(0, colon);
      int port = Integer.parseInt(parts[0].substring(colon + 1));
      if (port < 1 || port > 65535) throw new IllegalArgumentException("bad port in " + spec);
      return new Mx(loopbackLiteral(host), port, Path.of(parts[1]), Path.of(parts[2]));
    }

    String label() {
      return address.getHostAddress() + ":" + port;
    }
  }

  /** Only IPv4 loopback literals: the sink accepts mail from anyone who can reach it. */
  static InetAddress loopbackLiteral(String host) {
    if (!IPV4.matcher(host).matches()) {
      throw new IllegalArgumentException("an IPv4 literal is needed, not " + host);
    }
    try {
      InetAddress addr = InetAddress.getByName(host); // a literal: parsed, never looked up
      if (!addr.isLoopbackAddress()) throw new IllegalArgumentException("not loopback: " + host);
      return addr;
    } catch (IOException e) {
      throw new IllegalArgumentException("bad address " + host, e);
    }
  }

  /** Reads a PEM certificate chain and a PKCS#8 PEM key (what openssl req -nodes writes). */
  static SSLContext tlsContext(Path certFile, Path keyFile) throws Exception {
    List<Certificate> chain = new ArrayList<>();
    try (InputStream in = Files.newInputStream(certFile)) {
      chain.addAll(CertificateFactory.getInstance("X.509").generateCertificates(in));
    }
    if (chain.isEmpty()) throw new IllegalArgumentException("no certificate in " + certFile);
    String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(keyFile + ": PKCS#8 'BEGIN PRIVATE KEY' PEM needed");
    }
    String base64 = pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end);
    byte[] der = Base64.getMimeDecoder().decode(base64);
    String algorithm = chain.get(0).getPublicKey().getAlgorithm(); // "EC" or "RSA"
    PrivateKey key =
        KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    char[] pass = "bench".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("mx", key, pass, chain.toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, pass);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  /** Appends record lines to the output file on one thread, flushing whenever it has caught up. */
  static final class RecordWriter implements Runnable {
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final BufferedWriter out;
    private volatile boolean closing;

    RecordWriter(Path file) throws IOException {
      this.out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
    }

    void add(String line) {
      lines.add(line);
    }

    @Override
    public void run() {
      try {
        while (!closing || !lines.isEmpty()) {
          String line = lines.poll(200, TimeUnit.MILLISECONDS);
          if (line == null) continue;
          out.write(line);
          out.write('\n');
          // So that the bench script, which polls the file, sees each record within moments.
          if (lines.isEmpty()) out.flush();
        }
        out.flush();
      } catch (IOException e) {
        System.err.println("bench-sink: cannot write records: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void close(Thread thread) throws InterruptedException, IOException {
      closing = true;
      thread.join(5_000);
      out.close();
    }
  }

  /** The byte-level reader and writer of one connection; replies go out when a read would wait. */
  static final class Wire {
    private final byte[] buf = new byte[16_384];
    private int pos;
    private int limit;
    private InputStream in;
    private OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(512);

    Wire(Socket s) throws IOException {
      use(s);
    }

    void use(Socket s) throws IOException {
      in = s.getInputStream();
      out = s.getOutputStream();
      pos = limit = 0;
    }

    boolean hasBuffered() {
      return pos < limit;
    }

    void reply(String text) {
      byte[] b = text.getBytes(StandardCharsets.US_ASCII);
      pending.write(b, 0, b.length);
    }

    /**
     * RFC 2920 3.2: a server may buffer replies to pipelined commands, but must send them before
     * it waits for more input, so the client never deadlocks.
     */
    void flush() throws IOException {
      if (pending.size() == 0) return;
      pending.writeTo(out);
      out.flush();
      pending.reset();
    }

    /** One line without its CRLF (or bare LF); null at end of stream. */
    String readLine(ByteArrayOutputStream scratch) throws IOException {
      scratch.reset();
      while (true) {
        if (pos == limit) {
          flush();
          int n = in.read(buf, 0, buf.length);
          if (n < 0) {
            return scratch.size() == 0 ? null : scratch.toString(StandardCharsets.ISO_8859_1);
          }
          pos = 0;
          limit = n;
        }
        int start = pos;
        while (pos < limit && buf[pos] != '\n') pos++;
        int len = pos - start;
        if (scratch.size() + len > MAX_LINE) throw new IOException("line longer than " + MAX_LINE);
        scratch.write(buf, start, len);
        if (pos < limit) { // found LF
          pos++;
          int size = scratch.size();
          byte[] raw = scratch.toByteArray();
          int end = size > 0 && raw[size - 1] == '\r' ? size - 1 : size;
          return new String(raw, 0, end, StandardCharsets.ISO_8859_1);
        }
      }
    }
  }

  /** One SMTP session: ESMTP with PIPELINING, 8BITMIME, STARTTLS; any number of transactions. */
  static final class Session implements Runnable {
    private final Socket raw;
    private final Mx mx;
    private final SSLContext tls;
    private final RecordWriter records;
    private final AtomicLong counter;
    private final Set<Socket> open;
    private final ByteArrayOutputStream scratch = new ByteArrayOutputStream(1024);
    private Socket current;
    private Wire wire;
    private String tlsProtocol = "none";
    private String resumed = "-";
    private boolean greeted;
    private boolean mail;
    private int rcpts;

    Session(
        Socket raw,
        Mx mx,
        SSLContext tls,
        RecordWriter records,
        AtomicLong counter,
        Set<Socket> open) {
      this.raw = raw;
      this.mx = mx;
      this.tls = tls;
      this.records = records;
      this.counter = counter;
      this.open = open;
      this.current = raw;
    }

    @Override
    public void run() {
      try {
        raw.setTcpNoDelay(true);
        raw.setSoTimeout(IDLE_TIMEOUT_MS);
        wire = new Wire(raw);
        wire.reply("220 " + name() + " ESMTP DaneRelay bench sink\r\n");
        serve();
      } catch (SocketException e) {
        // peer went away, or the sink is stopping
      } catch (IOException | RuntimeException e) {
        System.err.println("bench-sink: " + mx.label() + ": " + e);
      } finally {
        close();
      }
    }

    private String name() {
      return "sink-" + mx.address().getHostAddress();
    }

    private void serve() throws IOException {
      String line;
      while ((line = wire.readLine(scratch)) != null) {
        String verb = verb(line);
        switch (verb) {
          case "EHLO" -> ehlo();
          case "HELO" -> {
            reset(true);
            wire.reply("250 " + name() + "\r\n");
          }
          case "STARTTLS" -> {
            if (!startTls()) return;
          }
          case "MAIL" -> mailFrom();
          case "RCPT" -> rcptTo();
          case "DATA" -> data();
          case "RSET" -> {
            reset(greeted);
            wire.reply("250 2.0.0 Ok\r\n");
          }
          case "NOOP" -> wire.reply("250 2.0.0 Ok\r\n");
          case "QUIT" -> {
            wire.reply("221 2.0.0 Bye\r\n");
            wire.flush();
            return;
          }
          default -> wire.reply("502 5.5.2 Command not implemented\r\n");
        }
      }
    }

    private static String verb(String line) {
      int sp = line.indexOf(' ');
      return (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
    }

    private void ehlo() {
      reset(true);
      StringBuilder b = new StringBuilder();
      b.append("250-").append(name()).append("\r\n");
      b.append("250-PIPELINING\r\n250-8BITMIME\r\n250-SIZE 104857600\r\n");
      b.append("250-ENHANCEDSTATUSCODES\r\n");
      if (current == raw) b.append("250-STARTTLS\r\n"); // RFC 3207 4.2: not again inside TLS
      b.append("250 SMTPUTF8\r\n");
      wire.reply(b.toString());
    }

    private void reset(boolean afterHello) {
      greeted = afterHello;
      mail = false;
      rcpts = 0;
    }

    /** RFC 3207: 220, then the handshake; anything the client sent after STARTTLS is refused. */
    private boolean startTls() throws IOException {
      if (current != raw) {
        wire.reply("503 5.5.1 TLS already active\r\n");
        return true;
      }
      if (wire.hasBuffered()) { // RFC 3207 5: plaintext pipelined after STARTTLS is an injection
        wire.reply("554 5.5.1 Pipelined data after STARTTLS\r\n");
        wire.flush();
        return false;
      }
      wire.reply("220 2.0.0 Ready to start TLS\r\n");
      wire.flush();
      SSLSocket t =
          (SSLSocket)
              tls.getSocketFactory()
                  .createSocket(raw, raw.getInetAddress().getHostAddress(), raw.getPort(), true);
      open.add(t);
      current = t;
      t.setUseClientMode(false);
      t.setEnabledProtocols(
          Arrays.stream(t.getSupportedProtocols())
              .filter(p -> p.equals("TLSv1.3") || p.equals("TLSv1.2"))
              .toArray(String[]::new));
      long before = System.currentTimeMillis();
      t.startHandshake();
      tlsProtocol = t.getSession().getProtocol();
      // A resumed session (RFC 8446 2.2) keeps the creation time of the one it resumes.
      resumed = t.getSession().getCreationTime() < before ? "yes" : "no";
      wire.use(t);
      reset(false); // RFC 3207 4.2: the client starts over with EHLO
      return true;
    }

    private void mailFrom() {
      if (!greeted) {
        wire.reply("503 5.5.1 EHLO first\r\n");
      } else if (mail) {
        wire.reply("503 5.5.1 Nested MAIL command\r\n");
      } else {
        mail = true;
        rcpts = 0;
        wire.reply("250 2.1.0 Ok\r\n");
      }
    }

    private void rcptTo() {
      if (!mail) {
        wire.reply("503 5.5.1 MAIL first\r\n");
      } else {
        rcpts++;
        wire.reply("250 2.1.5 Ok\r\n");
      }
    }

    /** Reads the content up to the lone "." line; notes the Message-ID; records, then 250. */
    private void data() throws IOException {
      if (!mail || rcpts == 0) {
        wire.reply("503 5.5.1 RCPT first\r\n");
        return;
      }
      wire.reply("354 End data with <CR><LF>.<CR><LF>\r\n");
      String messageId = "-";
      boolean inHeaders = true;
      String line;
      while ((line = wire.readLine(scratch)) != null) {
        if (line.equals(".")) {
          long micros = epochMicros();
          long n = counter.incrementAndGet();
          records.add(
              messageId
                  + " "
                  + micros
                  + " tls="
                  + tlsProtocol
                  + " mx="
                  + mx.label()
                  + " resumed="
                  + resumed);
          reset(true);
          wire.reply("250 2.0.0 Ok: queued as " + n + "\r\n");
          return;
        }
        if (inHeaders) {
          if (line.isEmpty()) {
            inHeaders = false;
          } else if (line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
            String v = line.substring(11).strip();
            messageId = v.isEmpty() || v.length() > MAX_HEADER_KEPT ? "-" : v.replace(' ', '_');
          }
        }
      }
      throw new IOException("connection closed in DATA");
    }

    private void close() {
      for (Socket s : new Socket[] {current, raw}) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing after QUIT or a failure; nothing more to learn
        }
        open.remove(s);
      }
    }
  }

  static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  public static void main(String[] args) throws Exception {
    Path out = null;
    List<Mx> mxs = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value for " + args[i]);
        }
        switch (args[i]) {
          case "--out" -> out = Path.of(args[i + 1]);
          case "--mx" -> mxs.add(Mx.parse(args[i + 1]));
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (out == null || mxs.isEmpty()) {
        throw new IllegalArgumentException("--out and --mx needed");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("bench-sink: " + e.getMessage());
      System.err.println(
          "usage: java BenchSink.java --out FILE --mx ADDR:PORT,CERT,KEY [--mx ...]");
      System.exit(2);
      return;
    }
    RecordWriter records = new RecordWriter(out);
    Thread writer = new Thread(records, "records");
    writer.start();
    AtomicLong counter = new AtomicLong();
    Set<Socket> open = ConcurrentHashMap.newKeySet();
    ExecutorService sessions = Executors.newCachedThreadPool();
    List<ServerSocket> listeners = new ArrayList<>();
    for (Mx mx : mxs) {
      SSLContext tls = tlsContext(mx.cert(), mx.key());
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(mx.address(), mx.port()), 1024);
      listeners.add(server);
      Thread accept =
          new Thread(
              () -> acceptLoop(server, mx, tls, records, counter, open, sessions),
              "accept-" + mx.label());
      accept.start();
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // SIGTERM: stop listening, cut open sessions, write out what was recorded.
                  listeners.forEach(BenchSink::closeQuietly);
                  open.forEach(BenchSink::closeQuietly);
                  sessions.shutdownNow();
                  try {
                    records.close(writer);
                  } catch (InterruptedException | IOException e) {
                    System.err.println("bench-sink: closing the record file: " + e);
                  }
                  System.err.println("bench-sink: stopped after " + counter.get() + " messages");
                }));
    System.err.println("bench-sink: listening on " + mxs.stream().map(Mx::label).toList());
  }

  private static void acceptLoop(
      ServerSocket server,
      Mx mx,
      SSLContext tls,
      RecordWriter records,
      AtomicLong counter,
      Set<Socket> open,
      ExecutorService sessions) {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        open.add(s);
        sessions.execute(new Session(s, mx, tls, records, counter, open));
      } catch (IOException e) {
        if (!server.isClosed()) {
          System.err.println("bench-sink: accept on " + mx.label() + ": " + e);
        }
      }
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // stopping
    }
  }
}
