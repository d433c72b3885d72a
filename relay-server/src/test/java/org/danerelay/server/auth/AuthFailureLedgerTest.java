package org.danerelay.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import org.danerelay.server.testing.MovableClock;
import org.junit.jupiter.api.Test;

/** The per-address count of failed AUTH exchanges, against a clock the test moves. */
class AuthFailureLedgerTest {

  private final MovableClock clock = new MovableClock();
  private final AuthFailureLedger ledger = new AuthFailureLedger(2, Duration.ofMinutes(15), clock);

  @Test
  void refusesAnAddressAtTheLimitUntilItsFailuresAgeOut() throws Exception {
    InetAddress client = InetAddress.getByName("192.0.2.1");
    fail(client);
    clock.advance(Duration.ofMinutes(5));
    fail(client);
    assertFalse(ledger.tryBegin(client));
    clock.advance(Duration.ofMinutes(10));
    // The first failure is now 15 minutes old: one more try.
    assertTrue(ledger.tryBegin(client));
    assertFalse(ledger.tryBegin(InetAddress.getByName("192.0.2.1")));
  }

  @Test
  void countsOpenExchangesSoParallelSessionsGainNothing() throws Exception {
    InetAddress client = InetAddress.getByName("192.0.2.1");
    assertTrue(ledger.tryBegin(client));
    assertTrue(ledger.tryBegin(client));
    assertFalse(ledger.tryBegin(client));
    ledger.succeeded(client);
    assertTrue(ledger.tryBegin(client));
  }

  @Test
  void successesAndOtherAddressesDoNotCount() throws Exception {
    InetAddress client = InetAddress.getByName("192.0.2.1");
    for (int i = 0; i < 5; i++) {
      assertTrue(ledger.tryBegin(client));
      ledger.succeeded(client);
    }
    fail(client);
    fail(client);
    assertTrue(ledger.tryBegin(InetAddress.getByName("192.0.2.2")));
    assertEquals(2, ledger.trackedClients());
  }

  @Test
  void countsIpv6ClientsByTheirSlash64() throws Exception {
    fail(InetAddress.getByName("2001:db8:1:2::1"));
    fail(InetAddress.getByName("2001:db8:1:2:ffff::9"));
    assertFalse(ledger.tryBegin(InetAddress.getByName("2001:db8:1:2::77")));
    assertTrue(ledger.tryBegin(InetAddress.getByName("2001:db8:1:3::1")));
  }

  private void fail(InetAddress client) {
    assertTrue(ledger.tryBegin(client));
    ledger.failed(client);
  }
}
