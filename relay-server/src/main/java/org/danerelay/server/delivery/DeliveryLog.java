package org.danerelay.server.delivery;

import java.time.Duration;
import java.time.Instant;
import org.danerelay.dane.policy.Attempt;
import org.danerelay.dane.policy.TlsRequirement;
import org.danerelay.server.outbound.smtp.AttemptResult;
import org.danerelay.server.outbound.smtp.ConnectionSteps;
import org.danerelay.server.outbound.smtp.TlsSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery lines postmasters grep, in the shape the internet.nl how-to shows for Halon:
 * "(DNSSEC)" only where the MX and address lookups were secure, "(DANE)" only where the peer was
 * DANE-authenticated, then one summary line per recipient and attempt.
 */
final class DeliveryLog {

  private static final Logger log = LoggerFactory.getLogger("delivery");

  private DeliveryLog() {}

  /** The "Connecting to" and "Reusing the connection to" lines, logged as they happen. */
  static ConnectionSteps steps(String id, Attempt attempt) {
    String where =
        "["
            + attempt.address().getHostAddress()
            + "]:"
            + attempt.port()
            + (attempt.dnssecMx() ? " (DNSSEC)" : "");
    return new ConnectionSteps() {
      @Override
      public void connecting() {
        log.info("{}: Connecting to {}", id, where);
      }

      @Override
      public void reusing(int messageOnConnection) {
        log.info(
            "{}: Reusing the connection to {}, message {} on it", id, where, messageOnConnection);
      }
    };
  }

  /** {@code ID: Skipping HOST: why}, for a host the plan left out, or an MX record it ignored. */
  static void skipped(String id, String note) {
    log.info("{}: Skipping {}", id, note);
  }

  static void tls(String id, AttemptResult result) {
    result
        .tls()
        .ifPresent(
            tls ->
                log.info(
                    "{}: Connection is now using {} with cipher {}{}",
                    id,
                    tls.protocol(),
                    tls.cipherSuite(),
                    authentication(tls)));
  }

  /**
   * {@code ID to=<rcpt> relay=HOST[ADDR]:PORT delay=S tls=MODE dane="..." policy=P status=S
   * (reply)}.
   */
  static void recipient(
      String id,
      String recipient,
      Attempt attempt,
      AttemptResult result,
      Instant received,
      Instant now,
      String status,
      String reply) {
    log.info(
        "{} to=<{}> relay={}[{}]:{} delay={} tls={} dane=\"{}\" policy={} status={} ({})",
        id,
        recipient,
        hostText(attempt),
        attempt.address().getHostAddress(),
        attempt.port(),
        Duration.between(received, now).toSeconds(),
        tlsMode(attempt, result),
        dane(result),
        policy(attempt),
        status,
        reply);
  }

  /**
   * The policy that decided the attempt's TLS: {@code dane} (usable or unusable TLSA records),
   * {@code mta-sts-enforce}, {@code mta-sts-testing}, {@code encrypt} (level encrypt without
   * either), or {@code none} (opportunistic, plaintext).
   */
  static String policy(Attempt attempt) {
    TlsRequirement requirement = attempt.requirement();
    if (requirement instanceof TlsRequirement.DaneRequired) {
      return "dane";
    }
    if (requirement instanceof TlsRequirement.EncryptRequired encrypt) {
      return encrypt.tlsaPresent() ? "dane" : "encrypt";
    }
    if (requirement instanceof TlsRequirement.MtaStsEnforce) {
      return "mta-sts-enforce";
    }
    return requirement instanceof TlsRequirement.MtaStsTesting ? "mta-sts-testing" : "none";
  }

  /** " (DANE)", " (MTA-STS)" or nothing: what the "Connection is now using" line may claim. */
  private static String authentication(TlsSession tls) {
    if (tls.dane().isPresent()) {
      return " (DANE)";
    }
    return tls.stsAuthenticated() ? " (MTA-STS)" : "";
  }

  /** A recipient settled before any connection: the plan itself deferred or bounced. */
  static void withoutConnection(
      String id, String recipient, Instant received, Instant now, String status, String reason) {
    log.info(
        "{} to=<{}> relay=none delay={} status={} ({})",
        id,
        recipient,
        Duration.between(received, now).toSeconds(),
        status,
        reason);
  }

  /**
   * What TLS the attempt achieved: dane, mta-sts (WebPKI under an enforce policy), dane:encrypt
   * (TLSA present, none usable), may, none.
   */
  static String tlsMode(Attempt attempt, AttemptResult result) {
    TlsRequirement requirement = attempt.requirement();
    if (requirement instanceof TlsRequirement.DaneRequired) {
      return "dane";
    }
    if (requirement instanceof TlsRequirement.MtaStsEnforce) {
      return "mta-sts";
    }
    if (requirement instanceof TlsRequirement.EncryptRequired) {
      return "dane:encrypt";
    }
    return result.tls().isPresent() ? "may" : "none";
  }

  static String dane(AttemptResult result) {
    return result
        .tls()
        .flatMap(TlsSession::dane)
        .map(v -> v.matched().shortForm() + " depth " + v.depth())
        .orElse("");
  }

  static String hostText(Attempt attempt) {
    String host = attempt.mxHost().toString(true);
    return host.isEmpty() ? "." : host;
  }
}
