package org.danerelay.server.outbound.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.danerelay.dane.testdns.SignedZoneServer;
import org.danerelay.dane.testdns.TestZones;
import org.danerelay.dane.testdns.ZoneKind;
import org.danerelay.server.cli.DaneRelayCommand;
import org.danerelay.server.testing.Await;
import org.danerelay.server.testing.DkimPy;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.SmtpTestClient;
import org.danerelay.server.testing.StsPolicyServer;
import org.danerelay.server.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * TLSRPT end to end (RFC 8460): real deliveries over DANE that succeed and fail, then {@code
 * danerelay tlsrpt send}; the report reaches a receiving SMTP server on loopback by mail and an
 * HTTPS server by POST, and its JSON is checked field by field against RFC 8460 4.4.
 */
class TlsRptEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final InetAddress GOOD = LoopbackHosts.loopback(2);
  private static final InetAddress WRONG = LoopbackHosts.loopback(3);
  private static final InetAddress REPORTS_MX = LoopbackHosts.loopback(4);
  private static final InetAddress RUA_HOST = LoopbackHosts.loopback(9);

  @TempDir Path folder;
  private SignedZoneServer dns;
  private StsPolicyServer rua;
  private RecordingSmtpServer good;
  private RecordingSmtpServer wrong;
  private RecordingSmtpServer reports;
  private RelayFixture relay;
  private KeyPair dkimKeys;

  @BeforeEach
  void start() throws Exception {
    int port = LoopbackHosts.freePortOnAll(GOOD, WRONG, REPORTS_MX);
    TestCertificates.Minted goodIdentity = TestCertificates.selfSigned("mx.dane.test");
    TestCertificates.Minted stranger = TestCertificates.selfSigned("mx1.broken.test");
    KeyPair caKeys = TestPki.ecKeys();
    X509Certificate ca = TestPki.ca("Test Root", caKeys);
    KeyPair ruaKeys = TestPki.ecKeys();
    rua =
        StsPolicyServer.start(
            RUA_HOST,
            0,
            ruaKeys.getPrivate(),
            TestPki.issueFor(ruaKeys.getPublic(), ca, caKeys.getPrivate(), "rua.reports.test"));
    rua.answer("rua.reports.test", 200, "text/plain", "thanks");
    String tlsa = "3 1 1 " + HexFormat.of().formatHex(goodIdentity.spkiSha256());
    String owner = "_" + port + "._tcp.";
    TestZones zones =
        TestZones.builder()
            .signedRoot()
            .zone("dane.test", ZoneKind.SIGNED)
            .mx("dane.test", 10, "mx.dane.test")
            .a("mx.dane.test", GOOD.getHostAddress())
            .tlsa(owner + "mx.dane.test", tlsa)
            .txt(
                "_smtp._tls.dane.test",
                "v=TLSRPTv1; rua=mailto:reports@reports.test,https://rua.reports.test:"
                    + rua.port()
                    + "/tlsrpt")
            .zone("broken.test", ZoneKind.SIGNED)
            .mx("broken.test", 10, "mx1.broken.test")
            .mx("broken.test", 20, "mx2.broken.test")
            .a("mx1.broken.test", WRONG.getHostAddress())
            .tlsa(owner + "mx1.broken.test", tlsa)
            .a("mx2.broken.test", GOOD.getHostAddress())
            .tlsa(owner + "mx2.broken.test", tlsa)
            .txt("_smtp._tls.broken.test", "v=TLSRPTv1;rua=mailto:reports@reports.test")
            // A signed domain whose first MX lives in a zone that fails validation.
            .zone("halfbroken.test", ZoneKind.SIGNED)
            .mx("halfbroken.test", 10, "mx.forged.test")
            .mx("halfbroken.test", 20, "mx2.halfbroken.test")
            .a("mx2.halfbroken.test", GOOD.getHostAddress())
            .tlsa(owner + "mx2.halfbroken.test", tlsa)
            .txt("_smtp._tls.halfbroken.test", "v=TLSRPTv1; rua=mailto:reports@reports.test")
            .zone("forged.test", ZoneKind.WRONG_KEY)
            .a("mx.forged.test", WRONG.getHostAddress())
            .zone("reports.test", ZoneKind.UNSIGNED)
            .mx("reports.test", 10, "mx.reports.test")
            .a("mx.reports.test", REPORTS_MX.getHostAddress())
            .txt("_smtp._tls.reports.test", "v=TLSRPTv1; rua=mailto:reports@reports.test")
            .a("rua.reports.test", RUA_HOST.getHostAddress())
            .build();
    dns = zones.serve();
    good = RecordingSmtpServer.withTlsAt(GOOD, port, goodIdentity);
    wrong = RecordingSmtpServer.withTlsAt(WRONG, port, stranger);
    reports = RecordingSmtpServer.withoutTlsAt(REPORTS_MX, port);
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    dkimKeys = rsa.generateKeyPair();
    relay =
        RelayFixture.start(
            folder,
            "delivery.hold=false",
            "dns.resolvers=127.0.0.1:" + dns.port(),
            "dns.dnssec=validate",
            "dns.trust-anchors=" + zones.writeTrustAnchor(folder.resolve("anchors.txt")),
            "dns.timeout=2s",
            "delivery.port=" + port,
            "mta-sts.trust-store=" + TestPki.writeCertificates(folder.resolve("roots.pem"), ca),
            "tlsrpt.enabled=true",
            "tlsrpt.organization=relay.test",
            "tlsrpt.contact=tlsrpt@relay.test",
            "tlsrpt.dkim.key="
                + TestPki.writeKey(folder.resolve("dkim.pem"), dkimKeys.getPrivate()),
            "tlsrpt.dkim.selector=tlsrpt");
  }

  @AfterEach
  void stop() {
    relay.close();
    good.close();
    wrong.close();
    reports.close();
    rua.close();
    dns.close();
  }

  @Test
  void reportsEachDomainsSessionsByMailAndHttpsAndNeverReportsOnAReport() throws Exception {
    send("bob@dane.test");
    send("carol@broken.test");
    waitFor(() -> good.received().size() == 2 && relay.queued().isEmpty());
    String today = LocalDate.now(ZoneOffset.UTC).toString();

    String sent = tlsrptSend(today);

    assertTrue(sent.contains("dane.test: mailto:reports@reports.test queued as"), sent);
    assertTrue(sent.contains("/tlsrpt posted (HTTP 200)"), sent);
    waitFor(() -> reports.received().size() == 2);
    if (DkimPy.present()) {
      byte[] mail = mailFor("broken.test").getBytes(StandardCharsets.US_ASCII);
      assertTrue(DkimPy.verifies(mail, dkimKeys.getPublic()), "dkimpy verifies the signature");
    }
    JsonObject broken = report(mailFor("broken.test"));
    assertHeaderFields(broken, today);
    JsonArray policies = broken.getAsJsonArray("policies");
    assertEquals(1, policies.size(), policies.toString());
    JsonObject policy = policies.get(0).getAsJsonObject();
    JsonObject described = policy.getAsJsonObject("policy");
    assertEquals("tlsa", described.get("policy-type").getAsString());
    assertEquals("broken.test", described.get("policy-domain").getAsString());
    assertTrue(
        described.getAsJsonArray("policy-string").get(0).getAsString().startsWith("3 1 1 "),
        described.toString());
    JsonObject summary = policy.getAsJsonObject("summary");
    assertEquals(1, summary.get("total-successful-session-count").getAsLong());
    assertEquals(1, summary.get("total-failure-session-count").getAsLong());
    JsonArray failures = policy.getAsJsonArray("failure-details");
    assertEquals(1, failures.size(), failures.toString());
    JsonObject failure = failures.get(0).getAsJsonObject();
    assertEquals("tlsa-invalid", failure.get("result-type").getAsString());
    assertEquals("mx1.broken.test", failure.get("receiving-mx-hostname").getAsString());
    assertEquals(WRONG.getHostAddress(), failure.get("receiving-ip").getAsString());
    assertEquals("127.0.0.1", failure.get("sending-mta-ip").getAsString());
    assertEquals(1, failure.get("failed-session-count").getAsLong());

    JsonObject dane = report(mailFor("dane.test"));
    JsonObject daneSummary =
        dane.getAsJsonArray("policies").get(0).getAsJsonObject().getAsJsonObject("summary");
    assertEquals(1, daneSummary.get("total-successful-session-count").getAsLong());
    assertEquals(0, daneSummary.get("total-failure-session-count").getAsLong());
    StsPolicyServer.Request posted = rua.requests().get(0);
    assertEquals("POST", posted.method());
    assertEquals("application/tlsrpt+gzip", posted.contentType());
    assertEquals(dane.toString(), JsonParser.parseString(gunzip(posted.body())).toString());

    String again = tlsrptSend(today);
    assertTrue(again.contains("dane.test: already sent"), again);
    assertFalse(again.contains("reports.test:"), "the reports' own delivery is not reported");
  }

  @Test
  void reportsAnMxHostLeftOutForBogusDnssecAsDnssecInvalid() throws Exception {
    send("dave@halfbroken.test");
    waitFor(() -> good.received().size() == 1 && relay.queued().isEmpty());

    tlsrptSend(LocalDate.now(ZoneOffset.UTC).toString());

    waitFor(() -> reports.received().size() == 1);
    JsonArray policies = report(mailFor("halfbroken.test")).getAsJsonArray("policies");
    assertEquals(2, policies.size(), policies.toString());
    JsonObject unobtained = policyWithoutRecords(policies);
    assertEquals("tlsa", unobtained.getAsJsonObject("policy").get("policy-type").getAsString());
    JsonObject summary = unobtained.getAsJsonObject("summary");
    assertEquals(0, summary.get("total-successful-session-count").getAsLong());
    assertEquals(1, summary.get("total-failure-session-count").getAsLong());
    JsonObject failure = unobtained.getAsJsonArray("failure-details").get(0).getAsJsonObject();
    assertEquals("dnssec-invalid", failure.get("result-type").getAsString());
    assertEquals("mx.forged.test", failure.get("receiving-mx-hostname").getAsString());
    assertFalse(failure.has("receiving-ip"), "never connected: " + failure);
    assertEquals(1, failure.get("failed-session-count").getAsLong());
    assertEquals(0, wrong.mailCommands(), "mx.forged.test was never tried");
  }

  /** The policy entry whose policy-string is empty: the TLSA records that could not be had. */
  private static JsonObject policyWithoutRecords(JsonArray policies) {
    for (int i = 0; i < policies.size(); i++) {
      JsonObject entry = policies.get(i).getAsJsonObject();
      if (entry.getAsJsonObject("policy").getAsJsonArray("policy-string").isEmpty()) {
        return entry;
      }
    }
    throw new AssertionError("no policy without records: " + policies);
  }

  private static void assertHeaderFields(JsonObject report, String day) {
    assertEquals("relay.test", report.get("organization-name").getAsString());
    assertEquals("tlsrpt@relay.test", report.get("contact-info").getAsString());
    assertFalse(report.get("report-id").getAsString().isBlank());
    JsonObject range = report.getAsJsonObject("date-range");
    assertEquals(day + "T00:00:00Z", range.get("start-datetime").getAsString());
    assertEquals(day + "T23:59:59Z", range.get("end-datetime").getAsString());
  }

  private String mailFor(String domain) {
    return reports.received().stream()
        .map(RecordingSmtpServer.Received::text)
        .filter(text -> text.contains("TLS-Report-Domain: " + domain + "\r\n"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no report for " + domain));
  }

  /** The JSON of a report mail: its application/tlsrpt+gzip part, base64 and gzip undone. */
  private static JsonObject report(String mail) throws IOException {
    assertTrue(mail.contains("TLS-Required: No\r\n"), mail);
    assertTrue(mail.contains("multipart/report; report-type=\"tlsrpt\""), mail);
    assertTrue(mail.contains("Subject: Report Domain: "), mail);
    Matcher part =
        Pattern.compile(
                "Content-Type: application/tlsrpt\\+gzip\\r\\n.*?\\r\\n\\r\\n([A-Za-z0-9+/=\\r\\n]+)",
                Pattern.DOTALL)
            .matcher(mail);
    assertTrue(part.find(), mail);
    byte[] gzip = Base64.getMimeDecoder().decode(part.group(1));
    return JsonParser.parseString(gunzip(gzip)).getAsJsonObject();
  }

  private static String gunzip(byte[] gzip) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** {@code danerelay tlsrpt send --day DAY}, as a postmaster types it. */
  private String tlsrptSend(String day) throws IOException {
    Path config = folder.resolve("cli.conf");
    Files.write(config, List.of("data.dir = " + relay.config().dataDir()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = DaneRelayCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute("tlsrpt", "send", "--day", day, "--config", config.toString());
    assertEquals(0, exit, err.toString());
    return out.toString();
  }

  private void send(String recipient) throws Exception {
    try (SmtpTestClient client = relay.connect()) {
      client.hello();
      String reply = client.sendMail("alice@dane.test", "Subject: hi\r\n\r\nhello", recipient);
      assertTrue(reply.startsWith("250 2.0.0 Ok: queued as "), reply);
    }
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    Await.until(condition, WAIT);
  }
}
