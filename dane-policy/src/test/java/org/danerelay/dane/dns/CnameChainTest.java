package org.danerelay.dane.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** RFC 7672 2.2.2 and DANE-RULES 2, 3: CNAME chains, link by link, with a fake resolver. */
class CnameChainTest {

  private final Map<Name, LinkAnswer> links = new HashMap<>();
  private final AtomicInteger asked = new AtomicInteger();

  private DnsAnswer follow(String name) {
    return CnameChain.follow(
        TestNames.of(name),
        Type.A,
        n -> {
          asked.incrementAndGet();
          return links.getOrDefault(n, LinkAnswer.failed(Security.INDETERMINATE, "no answer"));
        });
  }

  private void cname(String from, String to, Security security) {
    Message m = response(from);
    m.addRecord(
        new CNAMERecord(TestNames.of(from), DClass.IN, 600, TestNames.of(to)), Section.ANSWER);
    links.put(TestNames.of(from), LinkAnswer.of(m, security));
  }

  private static Message response(String name) {
    Message m = new Message();
    m.getHeader().setFlag(Flags.QR);
    m.addRecord(Record.newRecord(TestNames.of(name), Type.A, DClass.IN), Section.QUESTION);
    return m;
  }

  @Test
  void followsLinksAskedOneByOneAndTheWeakestWins() throws Exception {
    cname("a.test", "b.test", Security.SECURE);
    cname("b.test", "c.test", Security.INSECURE);
    Message end = response("c.test");
    end.addRecord(
        new ARecord(
            TestNames.of("c.test"),
            DClass.IN,
            900,
            java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 9})),
        Section.ANSWER);
    links.put(TestNames.of("c.test"), LinkAnswer.of(end, Security.SECURE));

    DnsAnswer answer = follow("a.test");

    assertEquals(Outcome.RECORDS, answer.outcome());
    assertEquals(Security.INSECURE, answer.security());
    assertEquals(
        java.util.List.of(TestNames.of("a.test"), TestNames.of("b.test")), answer.aliases());
    assertEquals(TestNames.of("c.test"), answer.canonicalName());
    assertEquals(600, answer.ttlSeconds());
  }

  @Test
  void cnameLoopIsAFailure() {
    cname("a.test", "b.test", Security.SECURE);
    cname("b.test", "a.test", Security.SECURE);

    DnsAnswer answer = follow("a.test");

    assertEquals(Outcome.FAILURE, answer.outcome());
    assertTrue(answer.isFailure());
    assertTrue(answer.reason().contains("loop"), answer.reason());
  }

  @Test
  void moreThanEightLinksIsAFailure() {
    for (int i = 0; i < 12; i++) {
      cname("n" + i + ".test", "n" + (i + 1) + ".test", Security.SECURE);
    }

    DnsAnswer answer = follow("n0.test");

    assertEquals(Outcome.FAILURE, answer.outcome());
    assertTrue(answer.reason().contains("8"), answer.reason());
    assertTrue(asked.get() <= CnameChain.MAX_LINKS + 1, "bounded number of queries");
  }

  @Test
  void failedLinkFailsTheChainAndKeepsItsStatus() {
    cname("a.test", "b.test", Security.SECURE);
    links.put(TestNames.of("b.test"), LinkAnswer.failed(Security.BOGUS, "bad sig"));

    DnsAnswer answer = follow("a.test");

    assertEquals(Outcome.FAILURE, answer.outcome());
    assertEquals(Security.BOGUS, answer.security());
    assertEquals("bad sig", answer.reason());
  }

  @Test
  void negativeAnswerWithoutSoaIsNotCached() {
    Message nx = response("gone.test");
    nx.getHeader().setRcode(Rcode.NXDOMAIN);
    links.put(TestNames.of("gone.test"), LinkAnswer.of(nx, Security.SECURE));

    DnsAnswer answer = follow("gone.test");

    assertEquals(Outcome.NXDOMAIN, answer.outcome());
    assertEquals(0, answer.ttlSeconds());
  }
}
