package org.danerelay.server.verify;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.danerelay.server.access.Mailbox;
import org.danerelay.server.config.HostPort;
import org.danerelay.server.outbound.smtp.UnauthenticatedTrustManager;

/**
 * Asks {@code local.forward} whether one recipient exists, as Postfix's address verification does:
 * EHLO, STARTTLS when offered, {@code MAIL FROM:<>}, {@code RCPT TO}, QUIT; no message is sent.
 *
 * <p>The null sender makes sure that nothing the probe might cause can bounce (RFC 5321 4.5.5). The
 * whole conversation has one deadline; anything but a clear 2xx or 5xx to RCPT is {@link
 * RecipientVerdict.Unverified}.
 */
public final class SmtpCallout implements RecipientLookup {

  private final HostPort forward;
  private final InetSocketAddress address;
  private final String heloName;
  private final Duration timeout;
  private final SSLContext tls;

  /**
   * @param forward {@code local.forward}, an address literal (no DNS)
   * @param heloName our name in EHLO, {@code smtpd.hostname}
   * @param timeout the whole callout, connect to RCPT reply
   */
  public SmtpCallout(HostPort forward, String heloName, Duration timeout) {
    this.forward = Objects.requireNonNull(forward, "forward");
    this.address = forward.toSocketAddress();
    this.heloName = Objects.requireNonNull(heloName, "heloName");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.tls = opportunisticTls();
  }

  @Override
  public RecipientVerdict lookUp(Mailbox recipient) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (CalloutConnection smtp = CalloutConnection.open(address, deadline)) {
      require(smtp.reply(), "greeting");
      CalloutReply ehlo = hello(smtp);
      if (ehlo.offers("STARTTLS")) {
        require(smtp.command("STARTTLS"), "STARTTLS");
        smtp.startTls(tls);
        hello(smtp); // RFC 3207 4.2: forget what was learnt before TLS
      }
      require(smtp.command("MAIL FROM:<>"), "MAIL FROM:<>");
      CalloutReply rcpt = smtp.command("RCPT TO:<" + recipient.address() + ">");
      smtp.quitQuietly();
      String said = forward + " said " + rcpt.summary() + " to RCPT";
      return switch (rcpt.code() / 100) {
        case 2 -> new RecipientVerdict.Exists();
        case 5 -> new RecipientVerdict.Unknown(said);
        default -> new RecipientVerdict.Unverified(said);
      };
    } catch (Refusal e) {
      return new RecipientVerdict.Unverified(e.getMessage());
    } catch (SocketTimeoutException e) {
      return new RecipientVerdict.Unverified(forward + ": no answer within " + timeout);
    } catch (IOException e) {
      return new RecipientVerdict.Unverified(
          forward + ": " + LogText.escape(String.valueOf(e.getMessage())));
    }
  }

  /** EHLO, and HELO where EHLO is refused (RFC 5321 3.2). */
  private CalloutReply hello(CalloutConnection smtp) throws IOException {
    CalloutReply ehlo = smtp.command("EHLO " + heloName);
    if (ehlo.positive()) {
      return ehlo;
    }
    return require(smtp.command("HELO " + heloName), "EHLO and HELO");
  }

  private CalloutReply require(CalloutReply reply, String step) throws Refusal {
    if (!reply.positive()) {
      throw new Refusal(forward + " said " + reply.summary() + " to " + step);
    }
    return reply;
  }

  /** A step before RCPT failed: nothing is known about the recipient. */
  private static final class Refusal extends IOException {
    private static final long serialVersionUID = 1L;

    Refusal(String message) {
      super(message);
    }
  }

  /**
   * TLS as delivery to {@code local.forward} uses it (RFC 7435): it keeps recipient addresses off
   * the wire in the clear; it does not authenticate the host the operator named by its address.
   */
  private static SSLContext opportunisticTls() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new UnauthenticatedTrustManager()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK offers no TLS client", e);
    }
  }
}
