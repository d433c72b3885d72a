package org.danerelay.dane.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code _mta-sts} TXT record (RFC 8461 3.1). */
class StsRecordParserTest {

  @ParameterizedTest(name = "RFC 8461 3.1: {0} -> id {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "v=STSv1; id=20160831085700Z;|20160831085700Z",
        "v=STSv1;id=abc|abc",
        "v=STSv1; id=abc; ext=value;|abc",
        "v=STSv1; id=a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6|a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6",
      })
  void findsTheId(String record, String id) {
    assertEquals(
        new StsRecordParser.Found(new StsRecord(id)), StsRecordParser.parse(List.of(record)));
  }

  @ParameterizedTest(name = "RFC 8461 3.1: no policy for {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no record at all|",
        "version not first|id=abc; v=STSv1;",
        "version in lower case|v=stsv1; id=abc;",
        "no id|v=STSv1;",
        "id of 33 characters|v=STSv1; id=a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q;",
        "id with a dash|v=STSv1; id=2024-01-01;",
        "id twice|v=STSv1; id=a; id=b;",
        "two STSv1 records|v=STSv1; id=a;,v=STSv1; id=b;",
      })
  void findsNoPolicyFor(String why, String records) {
    List<String> txt = records == null ? List.of() : Arrays.asList(records.split(","));
    assertInstanceOf(StsRecordParser.Absent.class, StsRecordParser.parse(txt), why);
  }

  @ParameterizedTest(name = "RFC 8461 3.1: other TXT records beside it are ignored")
  @CsvSource(
      delimiter = '|',
      value = {"v=spf1 -all|v=STSv1; id=abc;"})
  void ignoresOtherTxtRecords(String other, String sts) {
    assertEquals(
        new StsRecordParser.Found(new StsRecord("abc")),
        StsRecordParser.parse(List.of(other, sts)));
  }
}
