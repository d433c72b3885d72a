package org.danerelay.server.tlsrpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code _smtp._tls} TXT record (RFC 8460 3). */
class TlsRptRecordParserTest {

  @Test
  void readsTheRfcExamplesAddressesInOrder() {
    assertEquals(
        new TlsRptRecordParser.Found(
            List.of(
                URI.create("mailto:tlsrpt@mail.example.com"),
                URI.create("https://reporting.example.com/v1/tlsrpt"))),
        TlsRptRecordParser.parse(
            List.of(
                "v=TLSRPTv1;rua=mailto:tlsrpt@mail.example.com,"
                    + "https://reporting.example.com/v1/tlsrpt")));
  }

  @Test
  void ignoresOtherSchemesAndOtherRecords() {
    assertEquals(
        new TlsRptRecordParser.Found(List.of(URI.create("mailto:r@example.com"))),
        TlsRptRecordParser.parse(
            List.of("v=spf1 -all", "v=TLSRPTv1; rua=ftp://x.example/,mailto:r@example.com; x=y")));
  }

  @Test
  void takesTheAddressesOfEveryRuaField() {
    assertEquals(
        new TlsRptRecordParser.Found(
            List.of(URI.create("mailto:a@example.com"), URI.create("mailto:b@example.com"))),
        TlsRptRecordParser.parse(
            List.of("v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com")));
  }

  @ParameterizedTest(name = "RFC 8460 3: no reports for {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no record|",
        "version not first|rua=mailto:r@example.com; v=TLSRPTv1",
        "two records|v=TLSRPTv1; rua=mailto:a@example.com,v=TLSRPTv1; rua=mailto:b@example.com",
        "no rua|v=TLSRPTv1;",
        "only unknown schemes|v=TLSRPTv1; rua=ftp://x.example/",
      })
  void findsNoAddressFor(String why, String records) {
    List<String> txt = records == null ? List.of() : Arrays.asList(records.split(",v="));
    if (txt.size() == 2) {
      txt = List.of(txt.get(0), "v=" + txt.get(1));
    }
    assertInstanceOf(TlsRptRecordParser.Absent.class, TlsRptRecordParser.parse(txt), why);
  }
}
