package org.danerelay.dane.tlsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the TLSA presentation form that operators paste into the CLI and configuration (RFC 6698
 * 2.2; docs/fuzzing.md). Input layout: the text in UTF-8.
 */
class TlsaTextFuzzTest {

  /**
   * Text is either a record whose fields are octets and whose data is non-empty, which prints and
   * parses back to the same record, or refused with IllegalArgumentException alone.
   */
  @FuzzTest
  void parsesRecordsThatPrintBackOrRefusesWithIllegalArgument(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    TlsaRecord record;
    try {
      record = TlsaRecord.parse(text);
    } catch (IllegalArgumentException refused) {
      return;
    }
    for (int field : new int[] {record.usage(), record.selector(), record.matchingType()}) {
      assertTrue(field >= 0 && field <= 255, record::toString);
    }
    assertTrue(record.data().length > 0, "RFC 6698 2.2: the data is hex, so never empty");
    assertEquals(record, TlsaRecord.parse(record.toString()), "prints and parses back");
    assertEquals(record.data().length * 2, record.dataHex().length());
    assertTrue(record.toString().startsWith(record.shortForm()), record::toString);
    if (record.isUsableForSmtp()) {
      // RFC 7672 3.1.3: DANE-TA or DANE-EE only
      assertTrue(record.usage() == TlsaRecord.DANE_TA || record.usage() == TlsaRecord.DANE_EE);
    }
    assertFalse(record.toString().contains("\n"));
  }
}
