package org.danerelay.dane.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

/**
 * Fuzzes what a resolver sends back for a TLSA query, in wire form (docs/fuzzing.md): dnsjava
 * parses the message, then the relay's own reading of it runs (CNAME chain, AD bit, validator
 * reason, TLSA fields). Input layout: one DNS message as it arrives over UDP or TCP.
 */
class DnsResponseFuzzTest {

  private static final Name QUERY_WITHOUT_QUESTION =
      Name.fromConstantString("_25._tcp.mx.example.");

  /**
   * Any message dnsjava accepts becomes one consistent answer: records only of the asked type at
   * the end of a loop-free chain of at most {@value CnameChain#MAX_LINKS} aliases, SECURE exactly
   * when the AD bit is set, and TLSA fields that make a record which prints and parses back. Bytes
   * that dnsjava refuses never reach the relay's code.
   */
  @FuzzTest
  void readsAnyResponseIntoOneConsistentAnswer(byte[] input) {
    Message response;
    try {
      response = new Message(input);
    } catch (IOException | IllegalArgumentException notDns) {
      // dnsjava refuses some bytes unchecked (InvalidTTLException and other IllegalArgument
      // subclasses); UnparseableAnswerTest shows that a lookup then fails rather than throws.
      return;
    }
    Name query =
        response.getQuestion() != null ? response.getQuestion().getName() : QUERY_WITHOUT_QUESTION;
    // Every link of the chain is asked of the same response, as when a resolver answers the same.
    DnsAnswer answer = CnameChain.follow(query, Type.TLSA, name -> LinkAnswer.byAdBit(response));

    assertConsistent(answer, response.getHeader().getFlag(Flags.AD));
    ValidatingDnsLookup.validationReason(response); // reads any additional section
    for (Record r : answer.records()) {
      assertInstanceOf(TLSARecord.class, r, "a record of the asked type carries its data");
      TLSARecord tlsa = (TLSARecord) r;
      TlsaRecord record =
          new TlsaRecord(
              tlsa.getCertificateUsage(),
              tlsa.getSelector(),
              tlsa.getMatchingType(),
              tlsa.getCertificateAssociationData());
      if (record.data().length > 0) {
        assertEquals(record, TlsaRecord.parse(record.toString()), "prints and parses back");
      }
    }
  }

  private static void assertConsistent(DnsAnswer answer, boolean authenticData) {
    List<Name> aliases = answer.aliases();
    assertEquals(aliases.size(), new HashSet<>(aliases).size(), "no alias twice");
    if (answer.outcome() == Outcome.FAILURE) {
      assertEquals(Security.INDETERMINATE, answer.security(), answer.reason());
      assertFalse(answer.reason().isEmpty(), "a failure says why");
      assertTrue(answer.records().isEmpty());
      return;
    }
    assertTrue(aliases.size() <= CnameChain.MAX_LINKS, aliases::toString);
    assertFalse(aliases.contains(answer.canonicalName()), "the chain ends outside a loop");
    assertEquals(authenticData ? Security.SECURE : Security.INSECURE, answer.security());
    assertTrue(answer.ttlSeconds() >= 0, () -> "ttl " + answer.ttlSeconds());
    if (answer.outcome() == Outcome.RECORDS) {
      assertFalse(answer.records().isEmpty());
      for (Record r : answer.records()) {
        assertEquals(Type.TLSA, r.getType());
        assertEquals(answer.canonicalName(), r.getName());
        assertTrue(answer.ttlSeconds() <= r.getTTL());
      }
    }
  }
}
