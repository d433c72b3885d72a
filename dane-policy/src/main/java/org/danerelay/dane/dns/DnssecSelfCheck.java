package org.danerelay.dane.dns;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Checks at start-up that the configured DNSSEC mode really yields SECURE for a name known to be
 * signed (in production the root DNSKEY), and says plainly what is wrong when it does not (RFC 7672
 * 2.1): a resolver that does not set AD would make every signed domain look insecure, a wrong trust
 * anchor or clock would make every one bogus.
 */
public final class DnssecSelfCheck {

  /**
   * What the check found.
   *
   * @param ok true when the known-signed name came back SECURE
   * @param message one sentence for the log, naming the setting, the resolvers and the consequence
   */
  public record Result(boolean ok, String message) {
    public Result {
      Objects.requireNonNull(message, "message");
    }
  }

  private final DnsLookup lookup;
  private final DnsLookups.Mode mode;
  private final List<InetSocketAddress> resolvers;

  public DnssecSelfCheck(
      DnsLookup lookup, DnsLookups.Mode mode, List<InetSocketAddress> resolvers) {
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.resolvers = List.copyOf(resolvers);
  }

  /** Checks the root DNSKEY, which every DNSSEC-validating setup must see as SECURE. */
  public Result checkRoot() {
    return check(Name.root, Type.DNSKEY);
  }

  /** Looks up {@code type} at {@code signedName}, which must be signed, and judges the answer. */
  public Result check(Name signedName, int type) {
    DnsAnswer answer = lookup.lookup(signedName, type);
    String what = signedName + " " + Type.string(type);
    String setting = "dns.dnssec=" + mode.configValue();
    String via = resolvers.size() == 1 ? "resolver " : "resolvers ";
    String where = via + describe(resolvers);
    if (answer.isSecure()) {
      return new Result(true, setting + ": " + what + " is SECURE through " + where);
    }
    if (answer.outcome() == Outcome.FAILURE && answer.security() != Security.BOGUS) {
      return new Result(
          false,
          setting
              + " but "
              + what
              + " could not be resolved through "
              + where
              + " ("
              + answer.reason()
              + "): every lookup would fail and all mail would be deferred");
    }
    if (answer.security() == Security.BOGUS) {
      return new Result(
          false,
          setting
              + " but "
              + what
              + " is BOGUS through "
              + where
              + " ("
              + answer.reason()
              + "): check the trust anchor and the system clock; every signed domain would fail"
              + " validation and its mail would be deferred");
    }
    if (mode == DnsLookups.Mode.RESOLVER) {
      return new Result(
          false,
          setting
              + " but "
              + where
              + " does not set the AD bit (for "
              + what
              + "): every signed domain would look insecure and DANE would never apply; use a"
              + " validating resolver or dns.dnssec=validate");
    }
    return new Result(
        false,
        setting
            + " but "
            + what
            + " did not validate as SECURE through "
            + where
            + " (status "
            + answer.security()
            + "): the trust anchors do not cover it, or the resolver strips DNSSEC records;"
            + " every signed domain would look insecure");
  }

  private static String describe(List<InetSocketAddress> resolvers) {
    return resolvers.stream()
        .map(a -> a.getAddress().getHostAddress() + ":" + a.getPort())
        .collect(Collectors.joining(", "));
  }
}
