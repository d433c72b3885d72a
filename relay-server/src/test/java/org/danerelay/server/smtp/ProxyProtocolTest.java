package org.danerelay.server.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.danerelay.server.testing.SmtpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behind a proxy on the same host every client is loopback, which relay.networks lets relay: the
 * PROXY header (HAProxy's protocol, v1 and v2) restores the real client, and only listed proxies
 * may send one.
 */
class ProxyProtocolTest {

  private static final String PROXY = "smtpd.proxy-protocol.from=127.0.0.1/32";
  private static final String DENIED = "554 5.7.1";

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();

  @Test
  void takesTheClientFromAVersion1HeaderSoAnOutsiderBehindTheProxyCannotRelay() throws Exception {
    RelayFixture relay = relays.start(PROXY);
    try (SmtpTestClient client = fromProxy(relay)) {
      client.send("PROXY TCP4 203.0.113.5 127.0.0.1 40000 25\r\n");
      assertTrue(client.hello().startsWith("250"));
      assertTrue(client.command("MAIL FROM:<s@example.org>").startsWith("250"));
      assertTrue(client.command("RCPT TO:<victim@example.net>").startsWith(DENIED));
    }
  }

  @Test
  void takesTheClientFromAVersion2Header() throws Exception {
    RelayFixture relay = relays.start(PROXY);
    try (Socket proxy = new Socket()) {
      proxy.bind(new InetSocketAddress("127.0.0.1", 0));
      proxy.connect(new InetSocketAddress("127.0.0.1", relay.port()), 10_000);
      proxy.getOutputStream().write(version2Header(new byte[] {(byte) 203, 0, 113, 5}));
      proxy.setSoTimeout(10_000);
      String greeting = readLine(proxy);
      assertTrue(greeting.startsWith("220 "), greeting);
      proxy.getOutputStream().write("EHLO proxied.test\r\n".getBytes(StandardCharsets.US_ASCII));
      String line;
      do {
        line = readLine(proxy);
      } while (line.startsWith("250-"));
      proxy
          .getOutputStream()
          .write(
              "MAIL FROM:<s@example.org>\r\nRCPT TO:<victim@example.net>\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      assertTrue(readLine(proxy).startsWith("250"));
      assertTrue(readLine(proxy).startsWith(DENIED));
    }
  }

  @Test
  void refusesAListedProxyThatSendsNoHeader() throws Exception {
    RelayFixture relay = relays.start(PROXY);
    try (SmtpTestClient client = fromProxy(relay)) {
      client.send("EHLO sneaky.test\r\n");
      assertTrue(client.reply().startsWith("503 "));
    }
  }

  @Test
  void letsNoOtherAddressClaimAClient() throws Exception {
    RelayFixture relay = relays.start(PROXY);
    try (SmtpTestClient client =
        SmtpTestClient.connectFrom("127.0.0.2", relay.port(), relay.trustedCertificate())) {
      assertTrue(client.reply().startsWith("220 "));
      // Not a proxy: its PROXY line is an unknown command, and it stays what it is (loopback).
      assertTrue(client.command("PROXY TCP4 203.0.113.5 127.0.0.1 40000 25").startsWith("500"));
      assertTrue(client.command("EHLO local.test").startsWith("250"));
      assertTrue(client.command("MAIL FROM:<s@example.org>").startsWith("250"));
      assertEquals("250 2.1.5 Ok", client.command("RCPT TO:<friend@example.net>"));
    }
  }

  private static SmtpTestClient fromProxy(RelayFixture relay) throws Exception {
    return SmtpTestClient.connectFrom("127.0.0.1", relay.port(), relay.trustedCertificate());
  }

  /** A PROXY v2 header for TCP over IPv4 from {@code client}:40000 to 127.0.0.1:25. */
  private static byte[] version2Header(byte[] client) {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.writeBytes(
        new byte[] {0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a});
    header.write(0x21); // version 2, PROXY command
    header.write(0x11); // AF_INET, STREAM
    header.writeBytes(new byte[] {0x00, 0x0c}); // 12 octets of addresses and ports follow
    header.writeBytes(client);
    header.writeBytes(new byte[] {127, 0, 0, 1});
    header.writeBytes(new byte[] {(byte) 0x9c, 0x40, 0x00, 0x19}); // ports 40000 and 25
    return header.toByteArray();
  }

  private static String readLine(Socket socket) throws Exception {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = socket.getInputStream().read();
        b >= 0 && b != '\n';
        b = socket.getInputStream().read()) {
      line.write(b);
    }
    return line.toString(StandardCharsets.US_ASCII).trim();
  }
}
