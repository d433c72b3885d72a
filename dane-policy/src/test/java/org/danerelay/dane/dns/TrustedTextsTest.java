package org.danerelay.dane.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** TXT texts as MTA-STS and TLSRPT read them: joined strings, and nothing from a BOGUS answer. */
class TrustedTextsTest {

  private static final Name OWNER = Name.fromConstantString("_mta-sts.example.org.");

  private static DnsAnswer answer(Security security) {
    TXTRecord record = new TXTRecord(OWNER, DClass.IN, 300, List.of("v=STSv1; ", "id=1;"));
    return new DnsAnswer(
        OWNER, Type.TXT, OWNER, List.of(), List.of(record), Outcome.RECORDS, security, 300, "");
  }

  @Test
  void joinsEachRecordsStringsWhetherSignedOrNot() {
    assertEquals(List.of("v=STSv1; id=1;"), answer(Security.SECURE).trustedTexts());
    assertEquals(List.of("v=STSv1; id=1;"), answer(Security.INSECURE).trustedTexts());
  }

  @Test
  void aBogusAnswerHasNoTexts() {
    assertEquals(List.of(), answer(Security.BOGUS).trustedTexts());
  }
}
