package org.danerelay.server.tlsrpt;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.danerelay.dane.policy.Attempt;
import org.danerelay.dane.policy.TlsRequirement;
import org.danerelay.dane.sts.MxPattern;
import org.danerelay.dane.sts.StsPolicy;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.danerelay.dane.verify.WebPkiVerdict;
import org.danerelay.queue.TlsRptCount;
import org.danerelay.server.outbound.smtp.AttemptResult;
import org.danerelay.server.outbound.smtp.TlsSession;

/**
 * Says what one delivery session means for TLSRPT (RFC 8460 4): which policy applied ({@code tlsa}
 * for DANE, {@code sts} for MTA-STS, else {@code no-policy-found}) and whether the session met it,
 * with the RFC's result-type when it did not.
 *
 * <p>A session is a new connection: a message on a reused connection adds none. Attempts at level
 * {@code none} negotiate no TLS and are not sessions either.
 */
final class SessionClassifier {

  private SessionClassifier() {}

  static Optional<TlsRptCount> classify(
      String domain, Attempt attempt, AttemptResult result, LocalDate day) {
    if (result.connectionUse() != 1) {
      return Optional.empty(); // no connection, or a reused one: no new TLS session
    }
    TlsRequirement requirement = attempt.requirement();
    if (requirement instanceof TlsRequirement.PlaintextOnly) {
      return Optional.empty();
    }
    String host = attempt.mxHost().toString(true);
    String address = attempt.address().getHostAddress();
    Policy policy = Policy.of(requirement);
    String outcome = outcome(requirement, result, host);
    return Optional.of(
        new TlsRptCount(
            day,
            domain,
            policy.type(),
            policy.string(),
            policy.mxPatterns(),
            host,
            address,
            result.sourceAddress().orElse(""),
            outcome,
            1));
  }

  /** Empty for success; else the RFC 8460 4.3 result-type. */
  private static String outcome(TlsRequirement requirement, AttemptResult result, String host) {
    if (result.tlsFailure().isPresent()) {
      return result.tlsFailure().get(); // required TLS not achieved
    }
    Optional<TlsSession> tls = result.tls();
    if (tls.isEmpty()) {
      // No session where TLS was only hoped for: the host offered none, or the handshake failed.
      return result.mayRetryWithoutTls() ? "validation-failure" : "starttls-not-supported";
    }
    if (requirement instanceof TlsRequirement.MtaStsTesting testing) {
      if (!testing.policy().allows(host)) {
        return "validation-failure"; // RFC 8460 4.3.4: the MX is not one the policy names
      }
      if (tls.get().webPki().orElse(null) instanceof WebPkiVerdict.NotAuthenticated refused) {
        return refused.failure().resultType();
      }
    }
    return "";
  }

  /** The policy as RFC 8460 4.4 reports it: type, its lines, and an sts policy's mx lines. */
  private record Policy(String type, String string, String mxPatterns) {

    static Policy of(TlsRequirement requirement) {
      if (requirement instanceof TlsRequirement.DaneRequired dane) {
        return new Policy("tlsa", lines(dane.usableRecords()), "");
      }
      if (requirement instanceof TlsRequirement.EncryptRequired encrypt && encrypt.tlsaPresent()) {
        return new Policy("tlsa", "", ""); // secure TLSA records, none usable (RFC 7672 2.2)
      }
      if (requirement instanceof TlsRequirement.MtaStsEnforce enforce) {
        return sts(enforce.policy());
      }
      if (requirement instanceof TlsRequirement.MtaStsTesting testing) {
        return sts(testing.policy());
      }
      return new Policy("no-policy-found", "", "");
    }

    private static Policy sts(StsPolicy policy) {
      String text = policy.text().replace("\r\n", "\n").strip();
      String mx = policy.mx().stream().map(MxPattern::text).collect(Collectors.joining("\n"));
      return new Policy("sts", text, mx);
    }

    private static String lines(List<TlsaRecord> records) {
      return records.stream().map(TlsaRecord::toString).collect(Collectors.joining("\n"));
    }
  }
}
