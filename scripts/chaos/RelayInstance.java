import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The throwaway relay instance: the settings, on top of the copied relay.conf, that keep it on
 * loopback with the sink as its only next hop and no DNS; and the command lines that run it and
 * list its queue.
 */
final class RelayInstance {

  final InetSocketAddress listen;
  private final Path jar;
  private final Path conf;
  private final List<String> settings;

  RelayInstance(Path jar, Path conf, Path work, int sinkPort) throws IOException {
    this(
        jar,
        conf,
        sinkPort,
        new InetSocketAddress(loopback(), freePort(loopback())),
        work.resolve("data"),
        List.of());
  }

  /**
   * An instance listening on {@code listen} with its queue and control socket in {@code data}, and
   * {@code more} settings after the chaos ones (a later one wins): one of several relays, each with
   * its own address, folder and node name.
   */
  RelayInstance(
      Path jar, Path conf, int sinkPort, InetSocketAddress listen, Path data, List<String> more)
      throws IOException {
    this.jar = jar;
    this.conf = conf;
    this.listen = listen;
    // Both test domains, so that DSNs to the senders reach the sink too.
    Path routes = conf.resolveSibling("routes");
    String hop = " [127.0.0.1]:" + sinkPort + "\n";
    Files.writeString(routes, MessageMaker.RCPT_DOMAIN + hop + MessageMaker.SENDER_DOMAIN + hop);
    List<String> chaos =
        List.of(
            "smtpd.listen=" + listen.getAddress().getHostAddress() + ":" + listen.getPort(),
            "smtpd.hostname=relay.chaos.test",
            "data.dir=" + data,
            "delivery.routes=" + routes,
            // The sink offers no STARTTLS; "may" also means no TLSA lookups (relay.conf).
            "tls.policy=may",
            // A closed loopback port: a DNS question fails at once and nothing leaves the machine.
            "dns.resolvers=127.0.0.1:9",
            // Deferred recipients (the sink's first 451) come back within the run.
            "retry.schedule=2s",
            "delivery.connection-cache-time=1s",
            // No "delayed" DSNs: every DSN the sink gets must be a bounce it can account for.
            "delivery.delay-warning=0",
            "delivery.connect-timeout=5s",
            "delivery.command-timeout=30s",
            "delivery.data-end-timeout=30s");
    List<String> all = new ArrayList<>(chaos);
    all.addAll(more);
    this.settings = List.copyOf(all);
  }

  /** {@code java -jar danerelay.jar run ...}: the relay's own JVM, no wrapper in between. */
  List<String> runCommand() {
    return command("run");
  }

  /** {@code danerelay queue list}, which asks the running relay over data/control.sock. */
  List<String> queueListCommand() {
    return command("queue", "list");
  }

  private List<String> command(String... verb) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // As scripts/danerelay does: extra JVM options for the relay, e.g. a heap size.
    String opts = System.getenv().getOrDefault("DANERELAY_JAVA_OPTS", "").trim();
    if (!opts.isEmpty()) cmd.addAll(List.of(opts.split("\\s+")));
    cmd.addAll(List.of("-jar", jar.toString()));
    cmd.addAll(List.of(verb));
    cmd.addAll(List.of("--config", conf.toString()));
    for (String s : settings) cmd.addAll(List.of("--set", s));
    return cmd;
  }

  static InetAddress loopback() throws IOException {
    return InetAddress.getByAddress(new byte[] {127, 0, 0, 1}); // a literal: never looked up
  }

  /**
   * A port of {@code address} that was free a moment ago; the relay binds it next (a small race,
   * fine on loopback).
   */
  static int freePort(InetAddress address) throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, address)) {
      return probe.getLocalPort();
    }
  }
}
