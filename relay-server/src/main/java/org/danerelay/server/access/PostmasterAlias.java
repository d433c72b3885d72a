package org.danerelay.server.access;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code RCPT TO:<Postmaster>} without a domain, which RFC 5321 4.5.1 says a server must accept: it
 * goes to {@code postmaster@} the first local domain.
 *
 * <p>A relay with no local domains has nowhere to put such mail, so there the address is refused
 * with a clear reply rather than accepted into a void.
 */
public final class PostmasterAlias {

  private static final Pattern POSTMASTER =
      Pattern.compile("^ *<postmaster> *$", Pattern.CASE_INSENSITIVE);

  private final Optional<Mailbox> mailbox;

  /** {@code localDomains} in configuration order; the first one receives postmaster mail. */
  public PostmasterAlias(Set<String> localDomains) {
    this.mailbox =
        localDomains.stream()
            .findFirst()
            .map(domain -> new Mailbox("postmaster", domain.toLowerCase(Locale.ROOT)));
  }

  /**
   * Whether {@code argument} (the text after {@code RCPT TO:}) is the bare {@code <Postmaster>}.
   */
  public static boolean matches(String argument) {
    Matcher matcher = POSTMASTER.matcher(argument);
    return matcher.matches();
  }

  /**
   * The mailbox that receives {@code <Postmaster>}.
   *
   * @throws AddressRejection when no local domain is configured
   */
  public Mailbox mailbox() throws AddressRejection {
    return mailbox.orElseThrow(
        () -> new AddressRejection("550 5.1.1 <Postmaster>: no local domain is configured here"));
  }
}
