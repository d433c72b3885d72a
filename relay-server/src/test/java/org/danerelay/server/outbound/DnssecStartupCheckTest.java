package org.danerelay.server.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.danerelay.dane.testdns.SignedZoneServer;
import org.danerelay.dane.testdns.TestZones;
import org.danerelay.server.config.DnsConfig;
import org.danerelay.server.config.HostPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** DANE-RULES 1: at start-up, signed data must come back SECURE, or the log says so loudly. */
class DnssecStartupCheckTest {

  @TempDir Path folder;
  private SignedZoneServer dns;
  private Path anchors;
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(DnssecStartupCheck.class);

  @BeforeEach
  void start() throws Exception {
    TestZones zones = TestZones.builder().signedRoot().build();
    dns = zones.serve();
    anchors = zones.writeTrustAnchor(folder.resolve("anchors.txt"));
    events.start();
    logger.addAppender(events);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(events);
    if (dns != null) {
      dns.close();
    }
  }

  @Test
  void passesWhenValidatingFromTheTrustAnchor() throws Exception {
    ILoggingEvent event = check("validate");
    assertEquals(Level.INFO, event.getLevel());
    assertTrue(event.getFormattedMessage().startsWith("DNSSEC self-check passed"));
  }

  @Test
  void failsLoudlyWhenTheResolverDoesNotSetTheAdBit() throws Exception {
    // The authoritative test server never sets AD, as a non-validating resolver would not.
    ILoggingEvent event = check("resolver");
    assertEquals(Level.ERROR, event.getLevel());
    assertTrue(
        event.getFormattedMessage().contains("DNSSEC SELF-CHECK FAILED"),
        event.getFormattedMessage());
    assertTrue(event.getFormattedMessage().contains("AD bit"), event.getFormattedMessage());
  }

  private ILoggingEvent check(String mode) throws InterruptedException {
    DnsConfig config =
        new DnsConfig(
            List.of(new HostPort("127.0.0.1", dns.port())), mode, anchors, Duration.ofSeconds(2));
    DnssecStartupCheck.start(config, Clock.systemUTC());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (ours().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(1, ours().size(), events.list.toString());
    return ours().get(0);
  }

  /** This check's lines only: relays of other tests may still be running their own checks. */
  private List<ILoggingEvent> ours() {
    synchronized (events) { // AppenderBase appends under the appender's own lock
      return events.list.stream()
          .filter(e -> e.getFormattedMessage().contains("127.0.0.1:" + dns.port()))
          .toList();
    }
  }
}
