import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.danerelay.queue.AttemptRecord;
import org.danerelay.queue.AttemptStatus;
import org.danerelay.queue.ClaimedRecipient;
import org.danerelay.queue.DueRecipients;
import org.danerelay.queue.Envelope;
import org.danerelay.queue.MessageQueue;
import org.danerelay.queue.QueueSettings;
import org.danerelay.queue.SpoolWriter;

/**
 * The queue alone, without SMTP, TLS, DNS or a network: what the queue costs per message, which the
 * end-to-end benchmark cannot tell apart from the rest on a loaded machine (docs/performance.md).
 *
 * <p>Each round has two phases in one JVM, on a fresh queue folder: {@code accept}, where SESSIONS
 * threads each stream a body into a spool file and commit it as an SMTP session does before its
 * 250 (the index's group commit included); then {@code deliver}, where one thread claims due
 * recipients and WORKERS threads confirm each claim and record the delivery and finish the message
 * in one commit, as the delivery engine does after the next hop's 250. Printed per phase: messages
 * per second and the JVM's CPU time per message (every thread: queue, H2, JIT, GC).
 *
 * <pre>
 * java -cp 'relay-server/target/lib/*' scripts/bench/QueueLoad.java DIR [--messages N]
 *     [--rounds R] [--warmup W] [--sessions S] [--workers W] [--size BYTES] [--queue-url URL]
 * </pre>
 */
public class QueueLoad {

  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final int CLAIM_BATCH = 64;
  private static final Duration PHASE_LIMIT = Duration.ofMinutes(10);

  record Options(
      Path dir,
      int messages,
      int rounds,
      int warmup,
      int sessions,
      int workers,
      int size,
      String queueUrl) {}

  record Phase(String name, int messages, double seconds, double cpuMs) {
    double perSecond() {
      return messages / seconds;
    }

    double cpuMsPerMessage() {
      return cpuMs / messages;
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = parse(args);
    byte[] body = body(options.size());
    if (options.warmup() > 0) {
      for (Phase phase : round(options, "warmup", options.warmup(), body)) {
        print("warmup", phase);
      }
    }
    List<Phase> accepts = new ArrayList<>();
    List<Phase> deliveries = new ArrayList<>();
    for (int r = 1; r <= options.rounds(); r++) {
      List<Phase> phases = round(options, "round" + r, options.messages(), body);
      phases.forEach(phase -> print("round", phase));
      accepts.add(phases.get(0));
      deliveries.add(phases.get(1));
    }
    System.out.println("== summary (median over rounds)");
    System.out.printf(Locale.ROOT, "%-8s %8s %10s %12s%n", "phase", "rounds", "msg/s", "cpu_ms/msg");
    for (List<Phase> phases : List.of(accepts, deliveries)) {
      System.out.printf(
          Locale.ROOT,
          "%-8s %8d %10.0f %12.3f%n",
          phases.get(0).name(),
          phases.size(),
          median(phases.stream().mapToDouble(Phase::perSecond).toArray()),
          median(phases.stream().mapToDouble(Phase::cpuMsPerMessage).toArray()));
    }
  }

  /** One round on a queue folder of its own: accept {@code count} messages, then deliver them. */
  private static List<Phase> round(Options options, String name, int count, byte[] body)
      throws Exception {
    Path spool = Files.createDirectories(options.dir().resolve(name));
    QueueSettings settings = new QueueSettings(spool, options.queueUrl(), Clock.systemUTC());
    try (MessageQueue queue = MessageQueue.open(settings)) {
      Phase accept = measure("accept", count, () -> accept(queue, options.sessions(), count, body));
      Phase deliver = measure("deliver", count, () -> deliver(queue, options.workers(), count));
      int left = queue.messageCount();
      if (left != 0) {
        throw new IllegalStateException(name + ": " + left + " messages left in the queue");
      }
      return List.of(accept, deliver);
    }
  }

  private static void accept(MessageQueue queue, int sessions, int count, byte[] body)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    runAll(
        sessions,
        () -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            Envelope envelope =
                new Envelope(
                    "sender@example.org",
                    List.of("user" + i + "@d" + (i % 10) + ".bench.test"),
                    "127.0.0.1",
                    "client.example.org",
                    Instant.now());
            String id = queue.newId();
            try (SpoolWriter writer = queue.create(id, envelope)) {
              OutputStream out = writer.body();
              out.write(body);
              writer.commit();
            }
          }
          return null;
        });
  }

  // One claimer feeds the workers, as the delivery scheduler does; every recipient is delivered.
  private static void deliver(MessageQueue queue, int workers, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    AtomicInteger delivered = new AtomicInteger();
    long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
    try {
      List<Future<?>> running = new ArrayList<>();
      while (delivered.get() < count) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("delivered " + delivered + " of " + count + " in time");
        }
        List<DueRecipients> claims = queue.claimDue(Instant.now(), LEASE, CLAIM_BATCH);
        if (claims.isEmpty()) {
          Thread.sleep(1); // all indexed before this phase: only a failed record leaves this
        }
        for (DueRecipients claim : claims) {
          running.add(pool.submit(() -> deliverOne(queue, claim, delivered)));
        }
        for (Future<?> done : running) {
          done.get(PHASE_LIMIT.toSeconds(), TimeUnit.SECONDS); // a worker's failure ends the run
        }
        running.clear();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void deliverOne(MessageQueue queue, DueRecipients claim, AtomicInteger delivered) {
    try {
      queue
          .confirmClaim(claim)
          .ifPresent(
              confirmed -> {
                for (ClaimedRecipient recipient : confirmed.recipients()) {
                  Instant start = Instant.now();
                  AttemptRecord attempt =
                      new AttemptRecord(
                          start,
                          Instant.now(),
                          "mx." + confirmed.domain(),
                          "127.0.0.11",
                          25,
                          "dane",
                          "3 1 1 a9b1c2d3",
                          AttemptStatus.DELIVERED,
                          "250 2.0.0 Ok: queued as 4Xb1c2d3");
                  queue.recordAndFinish(claim.messageId(), recipient.idx(), attempt, m -> {});
                  delivered.incrementAndGet();
                }
              });
    } finally {
      queue.endClaim(claim);
    }
  }

  private static void runAll(int threads, Callable<Void> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Void>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        running.add(pool.submit(work));
      }
      for (Future<Void> one : running) {
        one.get(PHASE_LIMIT.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private static Phase measure(String name, int count, Step step) throws Exception {
    long cpuBefore = processCpuNanos();
    long start = System.nanoTime();
    step.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuMs = (processCpuNanos() - cpuBefore) / 1e6;
    return new Phase(name, count, seconds, cpuMs);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void print(String kind, Phase phase) {
    System.out.printf(
        Locale.ROOT,
        "%s phase=%s messages=%d seconds=%.3f per_s=%.1f cpu_ms_per_msg=%.3f%n",
        kind,
        phase.name(),
        phase.messages(),
        phase.seconds(),
        phase.perSecond(),
        phase.cpuMsPerMessage());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** {@code size} bytes of a message with CRLF line ends, every eighth line starting with a dot. */
  private static byte[] body(int size) {
    StringBuilder text = new StringBuilder("Subject: queue benchmark\r\n\r\n");
    for (int line = 0; text.length() < size; line++) {
      text.append(line % 8 == 7 ? ".." : "").append("x".repeat(70)).append("\r\n");
    }
    text.setLength(size);
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static Options parse(String[] args) throws IOException {
    if (args.length == 0 || args[0].startsWith("--")) {
      throw new IllegalArgumentException("usage: QueueLoad DIR [--messages N] ... (see the source)");
    }
    Path dir = Path.of(args[0]);
    int messages = 5000, rounds = 3, warmup = 10000, sessions = 16, workers = 16, size = 4096;
    String queueUrl = null;
    for (int i = 1; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      String value = args[i + 1];
      switch (args[i]) {
        case "--messages" -> messages = positive(args[i], value);
        case "--rounds" -> rounds = positive(args[i], value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--sessions" -> sessions = positive(args[i], value);
        case "--workers" -> workers = positive(args[i], value);
        case "--size" -> size = positive(args[i], value);
        case "--queue-url" -> queueUrl = value;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new Options(dir, messages, rounds, warmup, sessions, workers, size, queueUrl);
  }

  private static int positive(String option, String value) {
    int n = Integer.parseInt(value);
    if (n <= 0) {
      throw new IllegalArgumentException(option + " must be above 0, got " + value);
    }
    return n;
  }
}
