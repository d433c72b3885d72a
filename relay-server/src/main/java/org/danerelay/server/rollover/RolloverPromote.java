package org.danerelay.server.rollover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.danerelay.server.control.ControlReply;
import org.danerelay.server.tls.PemFiles;

/**
 * {@code tlsa rollover promote}: installs the certificate for the next key once every record it
 * needs has been published long enough, has the running relay serve it without dropping a session,
 * and starts the next rollover with a new next key.
 */
public final class RolloverPromote {

  /** Asks whether switching is safe now; may update the rollover's state file. */
  @FunctionalInterface
  public interface SafetyCheck {
    RolloverVerdict check(RolloverState state) throws IOException;
  }

  /** Has the running relay reload; empty when no relay runs. */
  @FunctionalInterface
  public interface Reloader {
    Optional<ControlReply> reload() throws IOException;
  }

  /** What promote did, and its exit code: 0 promoted, 1 or 2 as status, 2 refused outright. */
  public record Outcome(int exitCode, String text) {}

  private RolloverPromote() {}

  /**
   * Promotes the next key of {@code files}.
   *
   * @param newCert the operator's certificate for the next key; empty for a self-signed relay
   * @throws IllegalArgumentException for input that cannot be promoted, in words for the operator
   */
  public static Outcome promote(
      RolloverFiles files, Optional<Path> newCert, SafetyCheck safety, Reloader relay, Clock clock)
      throws IOException, GeneralSecurityException {
    RolloverState state = RolloverState.load(files.state());
    if (!Files.exists(files.nextKey())) {
      throw new IllegalArgumentException("the next key " + files.nextKey() + " is missing");
    }
    List<X509Certificate> chain = chain(files, newCert, state, clock);
    RolloverVerdict verdict = safety.check(RolloverState.load(files.state()));
    if (!verdict.safe()) {
      return new Outcome(
          verdict.level().exitCode(),
          verdict.text() + "not promoted: the switch is not safe yet; nothing was changed\n");
    }
    TlsaRecord old = RolloverRecords.forCertificateFile(files.cert());
    PairInstaller.install(files, chain);
    StringBuilder text = new StringBuilder(verdict.text());
    text.append("installed ")
        .append(files.cert())
        .append(" and ")
        .append(files.key())
        .append("; the previous pair is kept as ")
        .append(files.previousCert())
        .append(" and ")
        .append(files.previousKey())
        .append('\n');
    Optional<ControlReply> reply = relay.reload();
    if (reply.isPresent() && !reply.get().success()) {
      PairInstaller.rollBack(files);
      return new Outcome(
          2,
          text
              + "the running relay refused the new pair: "
              + reply.get().text()
              + "\nput the previous pair back: nothing changed; fix that and promote again\n");
    }
    text.append(
        reply.isPresent()
            ? "the running relay reloaded: new sessions get the new certificate, sessions in"
                + " progress keep theirs\n"
            : "no relay runs: the new pair is in place for its next start\n");
    return new Outcome(0, text + nextRound(files, state, old, verdict.ttlSeconds(), clock));
  }

  private static List<X509Certificate> chain(
      RolloverFiles files, Optional<Path> newCert, RolloverState state, Clock clock)
      throws IOException {
    if (files.selfSigned()) {
      if (newCert.isPresent()) {
        throw new IllegalArgumentException(
            "the relay serves its own self-signed certificate (smtpd.tls.cert is empty), so"
                + " promote makes one for the next key itself: leave out --cert, or set"
                + " smtpd.tls.cert and smtpd.tls.key to use a CA's certificate");
      }
      return NewCertificate.selfSigned(files, state, clock);
    }
    return NewCertificate.check(
        newCert.orElseThrow(
            () ->
                new IllegalArgumentException(
                    "give the certificate for the next key: --cert NEW.pem (from "
                        + files.nextRequest()
                        + ")")),
        files,
        state,
        clock);
  }

  /** The following next key, a fresh state, and the records to publish now and remove later. */
  private static String nextRound(
      RolloverFiles files, RolloverState state, TlsaRecord old, long ttl, Clock clock)
      throws IOException, GeneralSecurityException {
    KeyPair next = NextKey.generate(PemFiles.readPrivateKey(files.key()), Optional.empty());
    NextKey.writeKey(files.nextKey(), next.getPrivate(), files.key());
    NextKey.writeRequest(files.nextRequest(), next, state.hosts());
    new RolloverState(
            state.scheme(), state.hosts(), state.port(), state.issuer(), clock.instant(), Map.of())
        .save(files.state());
    List<TlsaRecord> publish = new ArrayList<>();
    publish.add(RolloverRecords.forCertificateFile(files.cert()));
    publish.add(state.issuer().orElse(RolloverRecords.forKeyFile(files.nextKey())));
    StringBuilder text = new StringBuilder();
    text.append("following next key: ")
        .append(files.nextKey())
        .append(" (")
        .append(NextKey.describe(next.getPrivate()))
        .append(", mode 0600); certificate request: ")
        .append(files.nextRequest())
        .append('\n');
    text.append("; ").append(state.scheme()).append(": publish these now\n");
    RolloverRecords.lines(state.hosts(), state.port(), publish)
        .forEach(line -> text.append(line).append('\n'));
    text.append("; remove the old current record after two TTLs (")
        .append(2 * ttl)
        .append(" s); until then a switch back to the previous pair stays possible\n");
    RolloverRecords.lines(state.hosts(), state.port(), List.of(old))
        .forEach(line -> text.append(line).append('\n'));
    return text.toString();
  }
}
