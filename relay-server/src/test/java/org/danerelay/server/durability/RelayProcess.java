package org.danerelay.server.durability;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.danerelay.server.cli.DaneRelayCommand;

/**
 * One relay run as a child JVM ({@code danerelay run}), so that it can really be killed; its
 * standard output (and error) is read on a thread to learn when it is ready.
 */
public final class RelayProcess implements AutoCloseable {

  /** How a JVM killed by a signal exits, as {@link Process#exitValue()} reports it. */
  static final int SIGKILL_EXIT = 128 + 9;

  static final int SIGTERM_EXIT = 128 + 15;

  private static final Pattern STARTED =
      Pattern.compile("DaneRelay started: (\\d+) messages in the queue");
  private static final Pattern REIMPORTED =
      Pattern.compile("message (\\S+) has a spool file but no index rows");
  private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(10);

  private final Process process;
  private final Thread reader;
  private final List<String> output = new ArrayList<>();
  private final CountDownLatch readyOrEnded = new CountDownLatch(1);
  private final int port;
  private volatile boolean listening;
  private volatile int queuedAtStart = -1;
  private volatile boolean signalled;

  private RelayProcess(Process process, int port) {
    this.process = process;
    this.port = port;
    this.reader = new Thread(this::readOutput, "relay-output-" + process.pid());
    reader.setDaemon(true);
  }

  /**
   * Starts {@code danerelay run} for {@code home} on a free loopback port; call {@link #awaitReady}
   * next.
   */
  public static RelayProcess start(RelayHome home) throws IOException {
    // Not port 0: the "listening on" line shows the configured port, not the bound one, so with 0
    // a child's port could not be learned. A port just freed may be taken again in between, rarely.
    int port = freeLoopbackPort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Surefire may hand the test JVM a manifest-only jar; this property has the real path.
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            java,
            "-Xmx256m",
            // A quick start on small machines; the JIT tier does not change what is durable.
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            classPath,
            DaneRelayCommand.class.getName(),
            "run"));
    command.addAll(home.configArguments(port));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    RelayProcess relay = new RelayProcess(process, port);
    relay.reader.start();
    return relay;
  }

  /** Waits until the relay logs that it is ready, or fails with everything it printed. */
  public RelayProcess awaitReady(Duration timeout) throws InterruptedException {
    if (!readyOrEnded.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("relay not ready within " + timeout + "; its output:\n" + output());
    }
    if (queuedAtStart < 0 || !listening) {
      throw new AssertionError(
          "relay ended before it was ready (exit "
              + exitDescription()
              + "); its output:\n"
              + output());
    }
    return this;
  }

  /** The SMTP port the relay listens on. */
  public int port() {
    return port;
  }

  /** N from {@code DaneRelay started: N messages in the queue}. */
  int queuedAtStart() {
    return queuedAtStart;
  }

  /** Ids that the start-up repair re-imported from spool files into the index (from the log). */
  Set<String> reimported() {
    Set<String> ids = new HashSet<>();
    synchronized (output) {
      for (String line : output) {
        Matcher reimported = REIMPORTED.matcher(line);
        if (reimported.find()) {
          ids.add(reimported.group(1));
        }
      }
    }
    return ids;
  }

  /** SIGKILL ({@link Process#destroyForcibly()} on Linux); returns the exit value. */
  int kill(Duration timeout) throws InterruptedException {
    signalled = true;
    process.destroyForcibly();
    return awaitExit(timeout);
  }

  /**
   * SIGTERM, as {@link Process#destroy()} sends it on Linux; returns the exit value.
   *
   * <p>Sent through {@link ProcessHandle#destroy()}: the same signal, but {@code Process.destroy()}
   * also closes our end of the output pipe at once, and the relay's shutdown lines would be lost.
   */
  int terminate(Duration timeout) throws InterruptedException {
    signalled = true;
    if (!process.toHandle().destroy()) {
      throw new AssertionError("could not send SIGTERM to " + process.pid());
    }
    return awaitExit(timeout);
  }

  /**
   * Sends {@code signal} (e.g. {@code HUP}) with {@code kill}, as an init system or an operator
   * would.
   */
  public void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new AssertionError("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  /**
   * Waits until the relay has printed {@code count} lines containing {@code text}; fails with its
   * output when it has not within {@code timeout}.
   */
  public void awaitOutput(String text, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (output().lines().filter(line -> line.contains(text)).count() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no " + count + " lines with '" + text + "' within " + timeout + ":\n" + output());
      }
      Thread.sleep(50);
    }
  }

  /** Everything the relay printed so far. */
  public String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /** Kills the relay if it still runs. Never throws. */
  @Override
  public void close() {
    signalled = true;
    process.destroyForcibly();
    try {
      process.waitFor(OUTPUT_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
      reader.join(OUTPUT_DRAIN.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "relay still running " + timeout + " after the signal; its output:\n" + output());
    }
    reader.join(OUTPUT_DRAIN.toMillis()); // the last lines, e.g. "DaneRelay stopped"
    return process.exitValue();
  }

  private String exitDescription() throws InterruptedException {
    // Its output can end a moment before the process is reaped.
    return process.waitFor(OUTPUT_DRAIN.toMillis(), TimeUnit.MILLISECONDS)
        ? Integer.toString(process.exitValue())
        : "none, still running";
  }

  private void readOutput() {
    try (BufferedReader in = process.inputReader()) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (output) {
          output.add(line);
        }
        if (line.contains("listening on 127.0.0.1:" + port)) {
          listening = true;
        }
        Matcher started = STARTED.matcher(line);
        if (started.find()) {
          queuedAtStart = Integer.parseInt(started.group(1));
          readyOrEnded.countDown();
        }
      }
    } catch (IOException e) {
      if (signalled) {
        return; // Process.destroyForcibly() closes the pipe: a killed relay says nothing more
      }
      synchronized (output) {
        output.add("(test: reading the relay's output failed: " + e + ")");
      }
    } finally {
      readyOrEnded.countDown();
    }
  }
}
