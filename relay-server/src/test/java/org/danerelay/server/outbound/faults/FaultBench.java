package org.danerelay.server.outbound.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.danerelay.dane.testdns.SignedZoneServer;
import org.danerelay.dane.testdns.TestZones;
import org.danerelay.queue.Envelope;
import org.danerelay.queue.QueuedMessage;
import org.danerelay.queue.QueuedRecipient;
import org.danerelay.queue.RecipientState;
import org.danerelay.queue.SpoolWriter;
import org.danerelay.server.outbound.smtp.TestCertificates;
import org.danerelay.server.testing.RelayFixture;

/**
 * A delivering relay on a DNSSEC-signed test DNS, with what fault tests need around it: messages
 * put straight into its queue (the inbound listener plays no part), waits bounded in time, the
 * recipient's state as {@code queue list} shows it, and the DSNs it queued.
 *
 * <p>Retries are an hour away, so one run per message is all a test sees; the relay asks only the
 * test DNS, never the machine's resolver.
 */
final class FaultBench implements AutoCloseable {

  /** The sender of every test message; {@link #senderDomain} makes its DSNs wait in the queue. */
  static final String SENDER = "alice@origin.test";

  private static final Duration WAIT = Duration.ofSeconds(40);

  private final RelayFixture relay;

  private FaultBench(RelayFixture relay) {
    this.relay = relay;
  }

  /**
   * Starts a relay delivering to {@code port} of every MX host, validating DNSSEC from the zones'
   * trust anchor through {@code dns} alone.
   *
   * @param more further {@code key=value} settings, e.g. the SMTP client's timeouts
   */
  static FaultBench start(
      Path folder, TestZones zones, SignedZoneServer dns, int port, String... more)
      throws IOException {
    List<String> settings =
        new ArrayList<>(
            List.of(
                "delivery.hold=false",
                "dns.resolvers=127.0.0.1:" + dns.port(),
                "dns.dnssec=validate",
                "dns.trust-anchors=" + zones.writeTrustAnchor(folder.resolve("anchors.txt")),
                "dns.timeout=1s",
                "delivery.port=" + port,
                "delivery.connection-cache-time=0",
                "retry.schedule=1h"));
    settings.addAll(List.of(more));
    return new FaultBench(RelayFixture.start(folder, settings.toArray(String[]::new)));
  }

  /** Queues a message from {@link #SENDER} to {@code recipients}; returns its queue id. */
  String send(byte[] body, String... recipients) throws IOException {
    String id = relay.queue().newId();
    Envelope envelope =
        new Envelope(SENDER, List.of(recipients), "127.0.0.1", "client.test", Instant.now());
    try (SpoolWriter writer = relay.queue().create(id, envelope)) {
      writer.body().write(body);
      writer.commit();
    }
    return id;
  }

  /** Queues a short message. */
  String send(String... recipients) throws IOException {
    return send(
        "Subject: fault test\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII), recipients);
  }

  /** Waits until no recipient of the message is still waiting for its first run. */
  void awaitRunEnded(String id) throws InterruptedException {
    waitFor(
        () ->
            relay
                .queue()
                .find(id)
                .map(
                    m -> m.recipients().stream().noneMatch(r -> r.state() == RecipientState.QUEUED))
                .orElse(true),
        "the first delivery run of " + id);
  }

  /** The recipient as {@code queue list} shows it; empty once its message is finished. */
  Optional<QueuedRecipient> recipient(String id, String address) {
    return relay.queue().find(id).stream()
        .flatMap(m -> m.recipients().stream())
        .filter(r -> r.address().equals(address))
        .findFirst();
  }

  /** Whether the message left the queue (every recipient delivered or bounced). */
  boolean finished(String id) {
    return relay.queue().find(id).isEmpty();
  }

  /** The text of the DSN queued for {@link #SENDER} that names {@code recipient}, once there. */
  String awaitBounceFor(String recipient) throws InterruptedException {
    String[] found = new String[1];
    waitFor(
        () -> {
          found[0] = bounceFor(recipient).orElse(null);
          return found[0] != null;
        },
        "a DSN for " + recipient);
    return found[0];
  }

  private Optional<String> bounceFor(String recipient) {
    for (QueuedMessage message : relay.queued()) {
      if (!message.sender().isEmpty()) {
        continue;
      }
      try (InputStream in = relay.queue().openBody(message.id())) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (text.contains("Final-Recipient: rfc822; " + recipient)) {
          return Optional.of(text);
        }
      } catch (IOException e) {
        // finished meanwhile: not this one
      }
    }
    return Optional.empty();
  }

  /** Asserts that the recipient waits for a retry about an hour away, for {@code reason}. */
  void assertDeferred(String id, String address, String reasonStart) {
    QueuedRecipient r = recipient(id, address).orElseThrow(() -> new AssertionError(address));
    assertTrue(r.state() == RecipientState.DEFERRED, r.toString());
    assertTrue(
        r.nextAttempt().isAfter(Instant.now().plus(Duration.ofMinutes(30))),
        "a retry time an hour out: " + r);
    assertTrue(r.lastReply().startsWith(reasonStart), r.lastReply());
  }

  static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not within " + WAIT);
      }
      Thread.sleep(50);
    }
  }

  /**
   * Adds the sender's domain: its one MX host has an address where nothing listens, so a DSN to the
   * sender is deferred and stays in the queue for the test to read (a domain missing from the zones
   * would be NXDOMAIN, and its DSN would bounce and vanish).
   */
  static TestZones.Builder senderDomain(TestZones.Builder zones) {
    return zones
        .zone("origin.test", org.danerelay.dane.testdns.ZoneKind.SIGNED)
        .mx("origin.test", 10, "mx.origin.test")
        .a("mx.origin.test", loopback(9).getHostAddress());
  }

  /** {@code 3 1 1 <hex>}: the TLSA record that authenticates {@code cert}. */
  static String daneEe(TestCertificates.Minted cert) {
    return "3 1 1 " + HexFormat.of().formatHex(cert.spkiSha256());
  }

  /** A port free on every given loopback address: all MX hosts share {@code delivery.port}. */
  static int freePortOnAll(InetAddress... addresses) throws IOException {
    for (int tries = 0; tries < 50; tries++) {
      int candidate;
      try (ServerSocket probe = new ServerSocket(0, 1, addresses[0])) {
        candidate = probe.getLocalPort();
      }
      if (freeOnAll(candidate, addresses)) {
        return candidate;
      }
    }
    throw new IOException("no port free on all of " + List.of(addresses));
  }

  private static boolean freeOnAll(int candidate, InetAddress... addresses) {
    for (InetAddress address : addresses) {
      try (ServerSocket probe = new ServerSocket()) {
        probe.bind(new InetSocketAddress(address, candidate));
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  static InetAddress loopback(int last) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 10, (byte) last});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    relay.close();
  }
}
