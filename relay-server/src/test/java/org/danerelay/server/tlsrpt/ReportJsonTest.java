package org.danerelay.server.tlsrpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.danerelay.queue.TlsRptCount;
import org.junit.jupiter.api.Test;

/** The report JSON (RFC 8460 4.4) and the mail that carries it (5.3), for an sts policy. */
class ReportJsonTest {

  private static final LocalDate DAY = LocalDate.of(2026, 12, 4);
  private static final String POLICY =
      "version: STSv1\nmode: testing\nmx: mx.example.com\nmx: *.example.net\nmax_age: 86400";

  private static TlsRptCount count(String type, String result, long n) {
    boolean sts = type.equals("sts");
    return new TlsRptCount(
        DAY,
        "example.com",
        type,
        sts ? POLICY : "",
        sts ? "mx.example.com\n*.example.net" : "",
        "mx.example.com",
        "192.0.2.1",
        "198.51.100.25",
        result,
        n);
  }

  private static AggregateReport report() {
    return AggregateReport.of(
        "Example Relay Operators",
        "relay.example",
        "tlsrpt@relay.example",
        "example.com",
        DAY,
        List.of(
            count("sts", "", 7),
            count("sts", "certificate-expired", 2),
            count("no-policy-found", "", 1),
            new TlsRptCount(
                DAY, "example.com", "sts", "", "", "", "", "", "sts-policy-fetch-error", 4)));
  }

  @Test
  void anStsPolicyListsItsLinesItsMxPatternsAndItsFailures() {
    JsonObject json = JsonParser.parseString(ReportJson.write(report())).getAsJsonObject();
    JsonArray policies = json.getAsJsonArray("policies");
    assertEquals(3, policies.size());
    JsonObject sts = policies.get(0).getAsJsonObject();
    JsonObject policy = sts.getAsJsonObject("policy");
    assertEquals("sts", policy.get("policy-type").getAsString());
    assertEquals(5, policy.getAsJsonArray("policy-string").size());
    assertEquals("version: STSv1", policy.getAsJsonArray("policy-string").get(0).getAsString());
    assertEquals(
        List.of("mx.example.com", "*.example.net"),
        policy.getAsJsonArray("mx-host").asList().stream().map(e -> e.getAsString()).toList());
    assertEquals(
        7, sts.getAsJsonObject("summary").get("total-successful-session-count").getAsInt());
    assertEquals(2, sts.getAsJsonObject("summary").get("total-failure-session-count").getAsInt());
    JsonObject failure = sts.getAsJsonArray("failure-details").get(0).getAsJsonObject();
    assertEquals("certificate-expired", failure.get("result-type").getAsString());
    assertEquals(2, failure.get("failed-session-count").getAsInt());
    assertEquals("198.51.100.25", failure.get("sending-mta-ip").getAsString());
    JsonObject unfetched = policies.get(2).getAsJsonObject();
    JsonObject unfetchedFailure =
        unfetched.getAsJsonArray("failure-details").get(0).getAsJsonObject();
    assertEquals("sts-policy-fetch-error", unfetchedFailure.get("result-type").getAsString());
    assertEquals(4, unfetchedFailure.get("failed-session-count").getAsInt());
    assertFalse(unfetchedFailure.has("receiving-mx-hostname"), unfetchedFailure.toString());
    assertFalse(unfetchedFailure.has("receiving-ip"), unfetchedFailure.toString());
    JsonObject none = policies.get(1).getAsJsonObject().getAsJsonObject("policy");
    assertEquals("no-policy-found", none.get("policy-type").getAsString());
    assertEquals(0, none.getAsJsonArray("policy-string").size());
    assertFalse(none.has("mx-host"));
  }

  @Test
  void theMailIsCrlfOnlyWithShortLinesAndNamesTheFile() {
    AggregateReport report = report();
    ReportFile file = ReportFile.of(report, ReportJson.write(report));
    String mail =
        new String(
            ReportMail.build(
                report,
                file,
                "reports@example.com",
                ZonedDateTime.of(2026, 12, 5, 0, 30, 0, 0, ZoneOffset.UTC),
                "01abc"),
            java.nio.charset.StandardCharsets.US_ASCII);
    assertFalse(mail.replace("\r\n", "").contains("\n"), "bare LF");
    assertTrue(mail.lines().allMatch(line -> line.length() <= 998));
    assertEquals("relay.example!example.com!1796342400!1796428799.json.gz", file.name());
    assertTrue(mail.contains("filename=\"" + file.name() + "\""), mail);
    assertTrue(
        mail.contains("Subject: Report Domain: example.com Submitter: relay.example Report-ID: <"),
        mail);
  }
}
