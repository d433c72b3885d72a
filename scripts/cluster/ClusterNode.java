import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One relay node of the cluster: its own loopback address ({@code 127.0.0.1x}), folder, ports and
 * {@code node.name}, the shared {@code queue.url}, and the chaos settings that send everything to
 * the sink. Its process is the relay's own JVM ({@link RelayProcess}), so a kill hits the process
 * that holds the claims.
 *
 * <p>Its EHLO name ({@code smtpd.hostname}) is {@code <name>.cluster.test}: the sink records it
 * with every message, which tells which node delivered what.
 */
final class ClusterNode {

  private static final long START_LIMIT_MS = 90_000;
  private static final int SIGKILL_EXIT = 128 + 9;

  final String name;
  final String helo;
  final Path folder;
  private final RelayInstance instance;
  private final RelayProcess process;
  private volatile boolean killed;

  ClusterNode(int number, Path jar, Path conf, Path work, int sinkPort, String queueUrl, int lease)
      throws IOException {
    this.name = "node" + number;
    this.helo = name + ".cluster.test";
    this.folder = work.resolve(name);
    Files.createDirectories(folder);
    InetAddress address = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (10 + number)});
    InetSocketAddress listen = new InetSocketAddress(address, RelayInstance.freePort(address));
    String admin = address.getHostAddress() + ":" + RelayInstance.freePort(address);
    this.instance =
        new RelayInstance(
            jar,
            conf,
            sinkPort,
            listen,
            folder.resolve("data"),
            List.of(
                "smtpd.hostname=" + helo,
                "admin.listen=" + admin,
                "node.name=" + name,
                "queue.url=" + queueUrl,
                "queue.lease=" + lease + "s"));
    this.process = new RelayProcess(instance.runCommand(), folder, listen, line -> {});
  }

  InetSocketAddress listen() {
    return instance.listen;
  }

  /** Starts the relay; its output goes to {@code <name>/relay-1.log}. */
  void start() throws IOException {
    process.start(1);
  }

  /** Waits until it accepts connections; false if it died or took longer than 90 s. */
  boolean awaitListening() throws InterruptedException {
    return process.awaitListening(START_LIMIT_MS);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Whether this node was killed on purpose (and may not be asked anything any more). */
  boolean killed() {
    return killed;
  }

  /** Why a node that should run does not: empty if it runs, or was killed on purpose. */
  String trouble() {
    if (killed || process.isAlive()) return "";
    int code = process.exitCode();
    return name
        + (code == SIGKILL_EXIT ? " was killed by someone else" : " exited with code " + code)
        + " (see "
        + name
        + "/relay-1.log)";
  }

  /**
   * SIGKILL to the relay's JVM, then waits until it is gone.
   *
   * @return its process id, or -1 if its pid file could not be read
   */
  long kill9() {
    killed = true;
    process.kill9();
    try {
      return pid();
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  /** SIGTERM, and SIGKILL if it does not stop in time. */
  void stop() throws InterruptedException {
    process.stop();
  }

  /** The relay's pid, as {@link RelayProcess} wrote it. */
  long pid() throws IOException {
    return Long.parseLong(
        Files.readString(folder.resolve("relay.pid"), StandardCharsets.US_ASCII).strip());
  }

  /** {@code danerelay queue list} against this node (its control socket). */
  List<String> queueListCommand() {
    return instance.queueListCommand();
  }
}
