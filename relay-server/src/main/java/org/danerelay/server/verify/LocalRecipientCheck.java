package org.danerelay.server.verify;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import org.danerelay.server.access.Accepted;
import org.danerelay.server.access.AccessDecision;
import org.danerelay.server.access.Mailbox;
import org.danerelay.server.access.Refused;
import org.danerelay.server.access.Route;
import org.danerelay.server.config.RecipientVerifyConfig;
import org.danerelay.server.config.RelayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an accepted recipient of a local domain that does not exist into a refusal at RCPT time, so
 * that the relay never accepts mail it could only bounce later to an unchecked sender
 * (backscatter).
 *
 * <p>Recipients of other domains, and decisions already refused, pass unchanged. {@code
 * postmaster@} every local domain is always accepted (RFC 5321 4.5.1).
 */
public final class LocalRecipientCheck {

  private static final Logger log = LoggerFactory.getLogger(LocalRecipientCheck.class);

  private final RecipientLookup lookup;

  public LocalRecipientCheck(RecipientLookup lookup) {
    this.lookup = Objects.requireNonNull(lookup, "lookup");
  }

  /**
   * The check {@code config} asks for: the {@code local.recipients} file when set, callouts to
   * {@code local.forward} otherwise.
   *
   * @throws org.danerelay.server.config.ConfigException for a bad line in the recipients file
   */
  public static LocalRecipientCheck from(RelayConfig config, Clock clock) {
    if (config.localDomains().isEmpty()) {
      // Nothing is ever routed LOCAL, so nothing is ever looked up.
      return new LocalRecipientCheck(recipient -> new RecipientVerdict.Exists());
    }
    RecipientVerifyConfig verify = config.recipientVerify();
    if (verify.recipients().isPresent()) {
      RecipientListFile file =
          RecipientListFile.load(verify.recipients().get(), config.localDomains());
      log.info(
          "recipients of local.domains: {} listed in {} decide at RCPT",
          file.size(),
          verify.recipients().get());
      return new LocalRecipientCheck(file);
    }
    // RelayConfig guarantees local.forward whenever there are local domains.
    SmtpCallout callout =
        new SmtpCallout(config.localForward().orElseThrow(), config.hostname(), verify.timeout());
    log.info(
        "recipients of local.domains: verified at RCPT by asking {} (timeout {})",
        config.localForward().get(),
        verify.timeout());
    return new LocalRecipientCheck(
        new CachedCallout(callout, new VerdictCache(verify), clock, verify.timeout()));
  }

  /** {@code decision} itself, or a refusal when it accepts a local recipient that is not known. */
  public AccessDecision check(AccessDecision decision) {
    if (!(decision instanceof Accepted accepted)
        || accepted.route() != Route.LOCAL
        || isPostmaster(accepted.mailbox())) {
      return decision;
    }
    RecipientVerdict verdict = lookup.lookUp(accepted.mailbox());
    if (verdict instanceof RecipientVerdict.Unknown) {
      // RFC 3463 5.1.1: bad destination mailbox address.
      return refusal("550 5.1.1", accepted.mailbox(), "Recipient address rejected");
    }
    if (verdict instanceof RecipientVerdict.Unverified) {
      // RFC 5321 4.2.5: a 4yz reply makes the client keep the message and try again later.
      return refusal(
          "450 4.1.1",
          accepted.mailbox(),
          "Recipient address rejected: cannot be verified now, try again later");
    }
    return decision;
  }

  private static boolean isPostmaster(Mailbox mailbox) {
    return mailbox.localPart().toLowerCase(Locale.ROOT).equals("postmaster");
  }

  /**
   * The address is quoted back as Postfix does; it passed the RCPT parser, so it is printable
   * ASCII. Anything else is left out rather than risk a reply that is not one clean line.
   */
  private static Refused refusal(String codes, Mailbox mailbox, String text) {
    String address = mailbox.address();
    boolean printable = address.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    return new Refused(codes + " " + (printable ? "<" + address + ">: " : "") + text);
  }
}
