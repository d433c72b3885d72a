package org.danerelay.dane.dns;

import org.danerelay.dane.testdns.TestZones;
import org.danerelay.dane.testdns.ZoneKind;

/** The zones the DNS lookup tests ask: one case of RFC 7672 2.1 per name. */
final class StandardTestZones {

  static final String TLSA_3_1_1 =
      "3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  /** TLSA records of 64-byte digests: far more than 1232 bytes over UDP. */
  static final int BIG_TLSA_COUNT = 40;

  private StandardTestZones() {}

  static TestZones build() {
    TestZones.Builder b =
        TestZones.builder()
            .signedRoot()
            .zone("example.test", ZoneKind.SIGNED)
            .a("mx.example.test", "127.0.0.2")
            .mx("example.test", 10, "mx.example.test")
            .tlsa("_25._tcp.mx.example.test", TLSA_3_1_1)
            .cname("alias.example.test", "mx.example.test")
            .cname("out.example.test", "mx.insecure.test")
            .cname("dangling.example.test", "nothing.example.test")
            .servfail("fail.example.test")
            .a("big.example.test", "127.0.0.3")
            .ttl(60)
            .cname("short.example.test", "mx.example.test")
            .ttl(3600)
            .zone("insecure.test", ZoneKind.UNSIGNED)
            .a("mx.insecure.test", "127.0.0.4")
            .zone("bogus.test", ZoneKind.WRONG_KEY)
            .a("mx.bogus.test", "127.0.0.5")
            .zone("expired.test", ZoneKind.EXPIRED)
            .a("mx.expired.test", "127.0.0.6");
    for (int i = 0; i < BIG_TLSA_COUNT; i++) {
      b.tlsa("_25._tcp.big.example.test", "3 1 2 " + String.format("%0128x", i + 1));
    }
    return b.build();
  }
}
