package org.danerelay.server.monitor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import org.danerelay.dane.monitor.KeyAlgorithm;
import org.danerelay.dane.monitor.ProbeOutcome;
import org.danerelay.dane.monitor.Prober;
import org.danerelay.server.verify.CalloutConnection;
import org.danerelay.server.verify.CalloutReply;
import org.danerelay.server.verify.LogText;

/**
 * Probes one SMTP server address as a DANE sender would reach it: 220 greeting, EHLO, STARTTLS
 * offered and accepted, a TLS 1.2 or later handshake offering one key algorithm's signatures, then
 * QUIT. It records the chain without judging it; the DANE verifier judges afterwards.
 *
 * <p>Every probe has its own TLS context, so no session is resumed and every handshake shows the
 * server's certificates. The whole conversation shares one deadline, so a server that drips bytes
 * cannot hold the check longer than that.
 */
public final class StarttlsProbe implements Prober {

  private final String heloName;
  private final Duration timeout;

  /**
   * @param heloName our name in EHLO ({@code smtpd.hostname})
   * @param timeout how long one probe may take, connect to QUIT
   */
  public StarttlsProbe(String heloName, Duration timeout) {
    this.heloName = Objects.requireNonNull(heloName, "heloName");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public ProbeOutcome probe(
      InetAddress address, int port, String serverName, KeyAlgorithm algorithm) {
    InetSocketAddress to = new InetSocketAddress(address, port);
    long deadline = System.nanoTime() + timeout.toNanos();
    String where = AddressText.of(address) + " port " + port;
    CalloutConnection smtp;
    try {
      smtp = CalloutConnection.open(to, deadline);
    } catch (IOException e) {
      return new ProbeOutcome.Unreachable("cannot connect to " + where + ": " + describe(e));
    }
    try {
      return converse(smtp, where, serverName, algorithm);
    } finally {
      try {
        smtp.close();
      } catch (IOException e) {
        // the outcome is known; a close that fails changes nothing about it
      }
    }
  }

  private ProbeOutcome converse(
      CalloutConnection smtp, String where, String serverName, KeyAlgorithm algorithm) {
    try {
      CalloutReply greeting = smtp.reply();
      if (greeting.code() != 220) {
        return new ProbeOutcome.Unreachable(where + " greeted with " + greeting.summary());
      }
      CalloutReply ehlo = smtp.command("EHLO " + heloName);
      if (!ehlo.positive()) {
        return new ProbeOutcome.NoStarttls(where + " refused EHLO: " + ehlo.summary());
      }
      if (!ehlo.offers("STARTTLS")) {
        return new ProbeOutcome.NoStarttls(where + " offers no STARTTLS in its EHLO reply");
      }
      CalloutReply starttls = smtp.command("STARTTLS");
      if (starttls.code() != 220) {
        return new ProbeOutcome.NoStarttls(where + " refused STARTTLS: " + starttls.summary());
      }
    } catch (IOException e) {
      return new ProbeOutcome.Unreachable(where + ": " + describe(e));
    }
    ChainRecorder recorder = new ChainRecorder();
    SSLSession session;
    try {
      session =
          smtp.startTls(context(recorder), serverName, p -> restrict(p, serverName, algorithm));
    } catch (IOException e) {
      return handshakeFailed(where, algorithm, e);
    }
    smtp.quitQuietly(); // RFC 5321 4.1.1.10: a polite end, whatever the server says to it
    return new ProbeOutcome.Served(
        session.getProtocol(), session.getCipherSuite(), recorder.chain());
  }

  /** One key algorithm's signatures and TLS 1.2 suites; SNI the TLSA base domain (RFC 7672 8.1). */
  private static void restrict(SSLParameters parameters, String serverName, KeyAlgorithm wanted) {
    SignatureFamily family = new SignatureFamily(wanted);
    parameters.setAlgorithmConstraints(family);
    parameters.setCipherSuites(family.cipherSuites(parameters.getCipherSuites()));
    parameters.setEndpointIdentificationAlgorithm(null); // DANE checks names itself (3.2.3)
    try {
      parameters.setServerNames(List.of(new SNIHostName(serverName)));
    } catch (IllegalArgumentException e) {
      parameters.setServerNames(List.of()); // not a host name JSSE can send: no SNI
    }
  }

  private ProbeOutcome handshakeFailed(String where, KeyAlgorithm algorithm, IOException e) {
    String reason = describe(e);
    String lower = reason.toLowerCase(Locale.ROOT);
    // RFC 8446 4.2.3, 6.2: a server without a key for the offered signatures answers
    // handshake_failure (or insufficient_security): "no such key", not a broken server.
    boolean refused =
        e instanceof SSLException
            && (lower.contains("handshake_failure") || lower.contains("insufficient_security"));
    return new ProbeOutcome.HandshakeFailed(
        "TLS handshake with "
            + where
            + " offering only "
            + algorithm
            + " signatures failed (TLS 1.2 or later required): "
            + reason,
        refused);
  }

  private static SSLContext context(ChainRecorder recorder) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {recorder}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK offers no TLS client", e);
    }
  }

  private String describe(IOException e) {
    if (e instanceof SocketTimeoutException) {
      return "no answer within " + timeout.toSeconds() + " s";
    }
    return LogText.escape(String.valueOf(e.getMessage()));
  }
}
