package org.danerelay.server.tlsrpt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.danerelay.dane.policy.Attempt;
import org.danerelay.dane.policy.TlsRequirement;
import org.danerelay.dane.sts.MxPattern;
import org.danerelay.dane.sts.StsMode;
import org.danerelay.dane.sts.StsPolicy;
import org.danerelay.dane.verify.WebPkiFailure;
import org.danerelay.dane.verify.WebPkiVerdict;
import org.danerelay.queue.TlsRptCount;
import org.danerelay.server.outbound.smtp.AttemptResult;
import org.danerelay.server.outbound.smtp.TlsSession;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/** What one attempt counts as for TLSRPT (RFC 8460 4.3), by the requirement it ran under. */
class SessionClassifierTest {

  private static final LocalDate DAY = LocalDate.of(2026, 12, 4);

  private static StsPolicy policy(StsMode mode) {
    return new StsPolicy(
        "example.com",
        "1",
        mode,
        List.of(new MxPattern("mx.example.com")),
        Duration.ofDays(1),
        "version: STSv1\r\nmode: " + mode + "\r\nmx: mx.example.com\r\nmax_age: 86400\r\n");
  }

  private static Attempt attempt(String host, TlsRequirement requirement) throws Exception {
    Name name = Name.fromString(host + ".");
    return new Attempt(
        name,
        name,
        InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1}),
        25,
        requirement,
        false);
  }

  private static AttemptResult result(
      Optional<TlsSession> tls, Optional<String> tlsFailure, int connectionUse) {
    return new AttemptResult(
        List.of(),
        tls,
        Optional.empty(),
        Optional.empty(),
        tlsFailure,
        false,
        connectionUse,
        Optional.of("198.51.100.25"));
  }

  private static TlsSession session(Optional<WebPkiVerdict> webPki) {
    return new TlsSession("TLSv1.3", "TLS_AES_128_GCM_SHA256", Optional.empty(), webPki);
  }

  private static TlsRptCount classify(Attempt attempt, AttemptResult result) {
    return SessionClassifier.classify("example.com", attempt, result, DAY).orElseThrow();
  }

  @Test
  void anEnforcedHostThatFailedCountsItsFailureUnderTheStsPolicy() throws Exception {
    TlsRptCount count =
        classify(
            attempt(
                "mx.example.com",
                new TlsRequirement.MtaStsEnforce("mx.example.com", policy(StsMode.ENFORCE))),
            result(Optional.empty(), Optional.of("certificate-expired"), 1));
    assertEquals("sts", count.policyType());
    assertEquals("certificate-expired", count.resultType());
    assertEquals("mx.example.com", count.mxPatterns());
    assertEquals("198.51.100.25", count.sendingIp());
  }

  @Test
  void testingCountsWhatEnforceWouldHaveRefusedThoughTheMessageWent() throws Exception {
    TlsRequirement testing =
        new TlsRequirement.MtaStsTesting("mx.example.com", policy(StsMode.TESTING));
    WebPkiVerdict mismatch =
        new WebPkiVerdict.NotAuthenticated(WebPkiFailure.CERTIFICATE_HOST_MISMATCH, "other name");
    TlsRptCount count =
        classify(
            attempt("mx.example.com", testing),
            result(Optional.of(session(Optional.of(mismatch))), Optional.empty(), 1));
    assertEquals("certificate-host-mismatch", count.resultType());
  }

  @Test
  void testingCountsAHostThePolicyDoesNotListAsAValidationFailure() throws Exception {
    TlsRequirement testing =
        new TlsRequirement.MtaStsTesting("other.example.com", policy(StsMode.TESTING));
    WebPkiVerdict fine = new WebPkiVerdict.Authenticated("other.example.com");
    TlsRptCount count =
        classify(
            attempt("other.example.com", testing),
            result(Optional.of(session(Optional.of(fine))), Optional.empty(), 1));
    assertEquals("validation-failure", count.resultType());
  }

  @Test
  void anOpportunisticHostWithoutStarttlsIsAFailureWithNoPolicyFound() throws Exception {
    TlsRptCount count =
        classify(
            attempt("mx.example.com", new TlsRequirement.Opportunistic()),
            result(Optional.empty(), Optional.empty(), 1));
    assertEquals("no-policy-found", count.policyType());
    assertEquals("starttls-not-supported", count.resultType());
  }

  @Test
  void aReusedConnectionAndLevelNoneAreNoSessions() throws Exception {
    Attempt opportunistic = attempt("mx.example.com", new TlsRequirement.Opportunistic());
    assertEquals(
        Optional.empty(),
        SessionClassifier.classify(
            "example.com",
            opportunistic,
            result(Optional.of(session(Optional.empty())), Optional.empty(), 2),
            DAY));
    assertEquals(
        Optional.empty(),
        SessionClassifier.classify(
            "example.com",
            attempt("mx.example.com", new TlsRequirement.PlaintextOnly()),
            result(Optional.empty(), Optional.empty(), 1),
            DAY));
  }
}
