package org.danerelay.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.danerelay.queue.QueuedMessage;
import org.danerelay.server.Relay;
import org.danerelay.server.ReloadOutcome;
import org.danerelay.server.config.ConfigLoader;
import org.danerelay.server.config.LoadedConfig;
import org.danerelay.server.config.RelayConfig;

/**
 * A real relay in this JVM on a free loopback port, with its data in a test folder, configured by
 * the shipped defaults plus the test's own {@code key=value} overrides.
 *
 * <p>A reload reads {@link #configFile()} when a test has written one, else the defaults, with the
 * overrides on top as {@code --set} would put them.
 */
public final class RelayFixture implements AutoCloseable {

  private final Path folder;
  private volatile List<String> overrides;
  private Relay relay;

  private RelayFixture(Path folder, List<String> overrides) {
    this.folder = folder;
    this.overrides = overrides;
  }

  /** Starts a relay with data under {@code folder}; overrides are {@code key=value}. */
  public static RelayFixture start(Path folder, String... overrides) throws IOException {
    List<String> all = new ArrayList<>();
    all.add("smtpd.listen=127.0.0.1:0");
    // Never the shipped 9025, which another relay (or a test running alongside) may hold.
    all.add("admin.listen=127.0.0.1:0");
    all.add("data.dir=" + folder.resolve("data"));
    all.add("smtpd.hostname=relay.test");
    // Never the machine's resolver: the start-up DNSSEC check asks a closed loopback port.
    all.add("dns.resolvers=127.0.0.1:9");
    all.add("dns.timeout=1s");
    // Ingest tests look at the queue as accepted: nothing is delivered unless a test says so.
    all.add("delivery.hold=true");
    all.addAll(List.of(overrides));
    RelayFixture fixture = new RelayFixture(folder, List.copyOf(all));
    SharedCertificate.copyInto(folder.resolve("data/tls"));
    fixture.relay = Relay.start(fixture::load, Clock.systemUTC());
    return fixture;
  }

  /** The configuration this fixture runs with. */
  public RelayConfig config() {
    return load().config();
  }

  /** The file a reload reads, when a test writes it: {@code <folder>/conf/relay.conf}. */
  public Path configFile() {
    return folder.resolve("conf/relay.conf");
  }

  /** Adds {@code more} overrides (later ones win) and reloads the running relay. */
  public ReloadOutcome reload(String... more) {
    List<String> all = new ArrayList<>(overrides);
    all.addAll(List.of(more));
    overrides = List.copyOf(all);
    return relay.reload();
  }

  private LoadedConfig load() {
    return Files.exists(configFile())
        ? ConfigLoader.loadTraced(configFile(), overrides)
        : ConfigLoader.defaultsTraced(configFile(), overrides);
  }

  /** The port of the first listener. */
  public int port() {
    return relay.smtpPorts().get(0);
  }

  /** The port of listener {@code index} (smtpd.listen first, then submission). */
  public int port(int index) {
    return relay.smtpPorts().get(index);
  }

  /** The port of the admin listener (/metrics, /health); absent with {@code admin.listen=}. */
  public java.util.Optional<Integer> adminPort() {
    return relay.adminPort();
  }

  /** A new client connected to the first listener. */
  public SmtpTestClient connect() throws IOException {
    return SmtpTestClient.connect(port(), trustedCertificate());
  }

  /** The certificate the relay presents: the self-signed one it made in its data folder. */
  public Path trustedCertificate() {
    return folder.resolve("data/tls/selfsigned-cert.pem");
  }

  /** The relay's queue. */
  public org.danerelay.queue.MessageQueue queue() {
    return relay.queue();
  }

  /** What is in the queue now. */
  public List<QueuedMessage> queued() {
    return relay.queue().list();
  }

  /** Stops the relay and starts it again on the same data (a clean restart). */
  public void restart() throws IOException {
    relay.close();
    relay = Relay.start(this::load, Clock.systemUTC());
  }

  @Override
  public void close() {
    relay.close();
  }
}
