package org.danerelay.dane.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** resolv.conf(5) nameserver lines: IP literals only, never a lookup. */
class ResolvConfTest {

  @TempDir Path dir;

  @Test
  void readsNameserverLiteralsInOrderAndSkipsTheRest() throws IOException {
    Path file = dir.resolve("resolv.conf");
    Files.writeString(
        file,
        String.join(
            "\n",
            "# generated",
            "search example.org",
            "nameserver 127.0.0.53",
            "nameserver  ::1",
            "; nameserver 10.0.0.1",
            "nameserver dns.example.org",
            "nameserver fe80::1%eth0",
            "options edns0 trust-ad",
            ""));

    List<InetSocketAddress> servers = ResolvConf.nameservers(file);

    assertEquals(
        List.of(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 53}), 53),
            new InetSocketAddress(ResolvConf.literal("::1"), 53),
            new InetSocketAddress(ResolvConf.literal("fe80::1"), 53)),
        servers);
  }

  @Test
  void hostNamesAreNotLiterals() {
    assertNull(ResolvConf.literal("localhost"));
    assertNull(ResolvConf.literal("dns.example.org"));
  }
}
