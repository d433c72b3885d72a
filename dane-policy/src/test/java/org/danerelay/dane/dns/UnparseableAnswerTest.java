package org.danerelay.dane.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

/**
 * DANE-RULES 1: an answer the relay cannot read fails the lookup (INDETERMINATE, so the host is
 * skipped and never tried with less protection); DnsResponseFuzzTest found both cases here.
 */
class UnparseableAnswerTest {

  private static final long MARKER_TTL = 0x12345678L;

  @Test
  void anAnswerDnsjavaRefusesUncheckedFailsTheLookup() throws IOException {
    // dnsjava 3.6.5 throws InvalidTTLException, not a WireParseException, for a data-less record
    // whose TTL has the top bit set in an UPDATE-opcode message.
    DnsAnswer answer =
        lookUpTlsa(
            query -> {
              byte[] wire =
                  updateResponse(
                      query,
                      new TLSARecord(nameOf(query), DClass.IN, MARKER_TTL, 3, 1, 1, new byte[32]));
              int ttl = indexOfMarkerTtl(wire);
              wire[ttl] = (byte) 0x92; // RFC 2181 8: top bit set
              return withoutData(wire, ttl);
            });

    assertFailed(answer);
    assertTrue(answer.reason().contains("TTL"), answer.reason());
  }

  @Test
  void aCnameWithoutDataFailsTheLookup() throws IOException {
    // In an UPDATE-opcode message dnsjava reads a data-less record as an EmptyRecord, which is not
    // a CNAMERecord although its type says CNAME.
    DnsAnswer answer =
        lookUpTlsa(
            query -> {
              byte[] wire =
                  updateResponse(
                      query,
                      new CNAMERecord(
                          nameOf(query), DClass.IN, MARKER_TTL, Name.fromConstantString("x.")));
              return withoutData(wire, indexOfMarkerTtl(wire));
            });

    assertFailed(answer);
  }

  private static DnsAnswer lookUpTlsa(Function<Message, byte[]> answer) throws IOException {
    try (RawAnswerResolver resolver = new RawAnswerResolver(answer)) {
      return new ResolverDnsLookup(List.of(resolver.address()), Duration.ofMillis(500))
          .lookup(TestNames.of("_25._tcp.mx.example.test"), Type.TLSA);
    }
  }

  private static void assertFailed(DnsAnswer answer) {
    assertEquals(Outcome.FAILURE, answer.outcome(), answer.toString());
    assertEquals(Security.INDETERMINATE, answer.security());
  }

  private static Name nameOf(Message query) {
    return query.getQuestion().getName();
  }

  private static byte[] updateResponse(Message query, Record answer) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AD);
    response.getHeader().setOpcode(Opcode.UPDATE);
    response.addRecord(query.getQuestion(), Section.QUESTION);
    response.addRecord(answer, Section.ANSWER);
    return response.toWire();
  }

  private static int indexOfMarkerTtl(byte[] wire) {
    for (int i = 0; i + 4 <= wire.length; i++) {
      if (wire[i] == 0x12 && wire[i + 1] == 0x34 && wire[i + 2] == 0x56 && wire[i + 3] == 0x78) {
        return i;
      }
    }
    throw new IllegalStateException("the marker TTL is not in the wire form");
  }

  /** RDLENGTH 0 after the TTL; the record is the message's last, so the rest is cut off. */
  private static byte[] withoutData(byte[] wire, int ttl) {
    wire[ttl + 4] = 0;
    wire[ttl + 5] = 0;
    return Arrays.copyOf(wire, ttl + 6);
  }
}
