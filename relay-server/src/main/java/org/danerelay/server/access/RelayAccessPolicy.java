package org.danerelay.server.access;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.danerelay.server.config.Cidr;

/**
 * Decides whether a recipient is delivered locally, relayed, or refused, so that the server is
 * never an open relay (RFC 5321 3.6.1: a server MAY decline to act as a relay).
 *
 * <p>Anyone may send to a domain in {@code local.domains}; only clients inside {@code
 * relay.networks} or authenticated with SMTP AUTH may send anywhere else. Everything else gets
 * {@value #RELAY_DENIED}. The sender needs no decision here: {@link PathParser#parseMailFrom}
 * already refuses bad syntax, and the null sender {@code <>} must be accepted (RFC 5321 4.5.5).
 */
public final class RelayAccessPolicy {

  /** The reply for a recipient this client may not relay to (RFC 3463 X.7.1). */
  public static final String RELAY_DENIED = "554 5.7.1 Relay access denied";

  private final List<Cidr> relayNetworks;
  private final Set<String> localDomains;
  private final PostmasterAlias postmaster;

  /**
   * Validates and freezes the configuration.
   *
   * @param relayNetworks clients that may relay without authenticating
   * @param localDomains domains we accept mail for from anyone, in configuration order; U-labels
   *     are stored as A-labels
   * @throws IllegalArgumentException when a local domain is not a fully-qualified domain name
   */
  public RelayAccessPolicy(List<Cidr> relayNetworks, Set<String> localDomains) {
    this.relayNetworks = List.copyOf(relayNetworks);
    this.localDomains =
        localDomains.stream()
            .map(RelayAccessPolicy::normalizeLocalDomain)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    this.postmaster = new PostmasterAlias(this.localDomains);
  }

  /** Where {@code RCPT TO:<Postmaster>} goes: the first local domain's postmaster. */
  public PostmasterAlias postmaster() {
    return postmaster;
  }

  /**
   * Decides one {@code RCPT TO}.
   *
   * @param client the peer address of the SMTP connection
   * @param authenticated whether the client completed SMTP AUTH in this session
   * @param rcpt the recipient from {@link PathParser#parseRcptTo}
   */
  public AccessDecision decideRecipient(InetAddress client, boolean authenticated, Mailbox rcpt) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(rcpt, "rcpt");
    // Local wins: mail for our own domains stays LOCAL even from a relay client. Exact match
    // only, so sub.local.example and local.example.ext.example are not local.
    if (localDomains.contains(rcpt.domain())) {
      return new Accepted(rcpt, Route.LOCAL);
    }
    if (authenticated || isRelayClient(client)) {
      return new Accepted(rcpt, Route.RELAY);
    }
    return new Refused(RELAY_DENIED);
  }

  /** Whether {@code client} lies in {@code relay.networks}. */
  public boolean isRelayClient(InetAddress client) {
    InetAddress address = unmapped(client);
    return relayNetworks.stream().anyMatch(network -> network.contains(address));
  }

  /**
   * An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}, RFC 4291 2.5.5.2) is an IPv4 peer seen
   * through a dual-stack socket, so it is judged by the IPv4 networks. Java usually converts these
   * already; an {@link Inet6Address} built from raw bytes keeps the mapped form.
   */
  static InetAddress unmapped(InetAddress client) {
    byte[] bytes = client.getAddress();
    if (!(client instanceof Inet6Address) || !isIpv4Mapped(bytes)) {
      return client;
    }
    try {
      return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  private static boolean isIpv4Mapped(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }

  private static String normalizeLocalDomain(String domain) {
    try {
      return DomainSyntax.toAscii(domain, true, PathRole.FORWARD);
    } catch (AddressRejection e) {
      throw new IllegalArgumentException(
          "local.domains: '"
              + domain
              + "' is not a fully-qualified domain name ("
              + e.replyText()
              + ")");
    }
  }
}
