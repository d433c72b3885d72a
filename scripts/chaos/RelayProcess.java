import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The relay under test as a child process, started again and again on the same data folder: its
 * output goes line by line to {@code relay-<cycle>.log} and to a listener (the bounce trigger), and
 * it dies by SIGKILL.
 *
 * <p>The child is the relay's own JVM ({@code java -jar danerelay.jar run}), never a wrapper
 * script, so {@link Process#destroyForcibly()} is a kill -9 of the process that holds the queue.
 * Its pid is kept in {@code relay.pid} so that the run script can kill it should this JVM die.
 */
final class RelayProcess {

  private static final long EXIT_WAIT_SECONDS = 20;

  private final List<String> command;
  private final Path work;
  private final InetSocketAddress listen;
  private final Consumer<String> onLine;
  private volatile Process process;

  RelayProcess(List<String> command, Path work, InetSocketAddress listen, Consumer<String> onLine) {
    this.command = List.copyOf(command);
    this.work = work;
    this.listen = listen;
    this.onLine = onLine;
  }

  /** Starts the relay; its output goes to {@code relay-<cycle>.log}. */
  void start(int cycle) throws IOException {
    Path log = work.resolve("relay-" + cycle + ".log");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    process = p;
    Files.writeString(work.resolve("relay.pid"), p.pid() + "\n", StandardCharsets.US_ASCII);
    Thread pump = new Thread(() -> copy(p, log), "relay-log-" + cycle);
    pump.setDaemon(true);
    pump.start();
  }

  // Reading the pipe ourselves, rather than letting the relay write the file, hands each line to
  // the trigger the moment it is written.
  private void copy(Process p, Path log) {
    try (BufferedReader in =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.write(line);
        out.newLine();
        out.flush();
        onLine.accept(line);
      }
    } catch (IOException e) {
      // the relay died: its pipe is closed
    }
  }

  /** Waits until the relay accepts TCP connections; false if it died or took too long. */
  boolean awaitListening(long maxMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + maxMillis;
    while (System.currentTimeMillis() < deadline) {
      Process p = process;
      if (p == null || !p.isAlive()) return false;
      try (Socket probe = new Socket()) {
        probe.connect(listen, 500);
        return true;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    return false;
  }

  boolean isAlive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** The exit code of a relay that is no longer running, or -1. */
  int exitCode() {
    Process p = process;
    return p == null || p.isAlive() ? -1 : p.exitValue();
  }

  /** SIGKILL, and waits until the process is gone, so nothing of it runs after this returns. */
  void kill9() {
    Process p = process;
    if (p == null) return;
    p.destroyForcibly();
    try {
      p.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM, the relay's orderly stop; SIGKILL if it has not stopped in time. */
  void stop() throws InterruptedException {
    Process p = process;
    if (p == null || !p.isAlive()) return;
    p.destroy();
    if (!p.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) kill9();
  }
}
