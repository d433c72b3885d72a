package org.danerelay.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.danerelay.server.config.Cidr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Open-relay attempts end to end: raw {@code RCPT TO} argument in, route or SMTP reply out. */
class RelayAccessPolicyTest {

  private static final String DENIED = "554 5.7.1 Relay access denied";
  private static final RelayAccessPolicy POLICY =
      new RelayAccessPolicy(
          List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")), Set.of("local.example"));

  private static final InetAddress UNTRUSTED = ip("203.0.113.5");
  private static final InetAddress LOOPBACK = ip("127.0.0.1");

  @ParameterizedTest
  @MethodSource
  void decidesRecipient(
      InetAddress client, boolean authenticated, String argument, String outcome) {
    assertEquals(outcome, outcome(POLICY, client, authenticated, argument));
  }

  static Stream<Arguments> decidesRecipient() {
    return Stream.of(
        row("untrusted to external domain is refused", UNTRUSTED, "<user@ext.example>", DENIED),
        row(
            "untrusted 192.0.2.7 to external domain is refused",
            ip("192.0.2.7"),
            "<u@ext.example>",
            DENIED),
        row(
            "untrusted IPv6 to external domain is refused",
            ip("2001:db8::7"),
            "<u@ext.example>",
            DENIED),
        row("untrusted to local domain is LOCAL", UNTRUSTED, "<user@local.example>", "LOCAL"),
        row("RFC 5321 2.4: domain case is ignored", UNTRUSTED, "<user@LOCAL.Example>", "LOCAL"),
        row(
            "local domain as a prefix is not local",
            UNTRUSTED,
            "<u@local.example.ext.example>",
            DENIED),
        row(
            "subdomain of a local domain is not local",
            UNTRUSTED,
            "<user@sub.local.example>",
            DENIED),
        row("local domain as a suffix is not local", UNTRUSTED, "<user@evillocal.example>", DENIED),
        row(
            "RFC 1123 5.2.16: percent hack",
            UNTRUSTED,
            "<user%ext.example@local.example>",
            "501 5.1.3 Percent hack / bang path addresses are not accepted"),
        row(
            "RFC 976: bang path",
            UNTRUSTED,
            "<ext.example!user@local.example>",
            "501 5.1.3 Percent hack / bang path addresses are not accepted"),
        row(
            "RFC 5321 4.1.1.3: source route",
            UNTRUSTED,
            "<@local.example:user@ext.example>",
            "501 5.1.3 Source routes are not accepted"),
        row(
            "quoted @ in local part",
            UNTRUSTED,
            "<\"user@ext.example\"@local.example>",
            "501 5.1.3 Quoted local part with @, %, ! or non-printable characters is not accepted"),
        row(
            "two unquoted @",
            UNTRUSTED,
            "<user@ext.example@local.example>",
            "501 5.1.3 Bad recipient address syntax"),
        row(
            "RFC 5321 4.1.3: IPv4 literal",
            UNTRUSTED,
            "<user@[192.0.2.1]>",
            "550 5.1.2 Address literals are not accepted"),
        row(
            "RFC 5321 4.1.3: IPv6 literal",
            UNTRUSTED,
            "<user@[IPv6:2001:db8::1]>",
            "550 5.1.2 Address literals are not accepted"),
        row(
            "RFC 5321 4.1.2: trailing dot",
            UNTRUSTED,
            "<user@local.example.>",
            "501 5.1.2 Trailing dot in domain is not accepted"),
        row(
            "RFC 5321 4.1.2: no angle brackets",
            UNTRUSTED,
            "user@local.example",
            "501 5.1.3 Angle brackets are required: use <local-part@domain>"),
        row(
            "RFC 5321 4.1.2: null forward-path",
            UNTRUSTED,
            "<>",
            "501 5.1.3 Bad recipient address syntax"),
        row(
            "NUL inside",
            UNTRUSTED,
            "<user\0@local.example>",
            "501 5.1.3 Bad recipient address syntax"),
        row(
            "CR inside",
            UNTRUSTED,
            "<user@local.example\r>",
            "501 5.1.3 Bad recipient address syntax"),
        row(
            "LF inside",
            UNTRUSTED,
            "<user@local.example>\nRCPT TO:<u@ext.example>",
            "501 5.1.3 Bad recipient address syntax"),
        row("127.0.0.1 to external is RELAY", LOOPBACK, "<user@ext.example>", "RELAY"),
        row(
            "127.0.0.2 inside 127.0.0.0/8 is RELAY",
            ip("127.0.0.2"),
            "<user@ext.example>",
            "RELAY"),
        row("::1 to external is RELAY", ip("::1"), "<user@ext.example>", "RELAY"),
        row("local wins over relay for trusted clients", LOOPBACK, "<user@local.example>", "LOCAL"),
        row(
            "trusted client still gets 550 for a literal",
            LOOPBACK,
            "<user@[192.0.2.1]>",
            "550 5.1.2 Address literals are not accepted"),
        row(
            "trusted client still gets 501 for a percent hack",
            LOOPBACK,
            "<u%ext.example@local.example>",
            "501 5.1.3 Percent hack / bang path addresses are not accepted"),
        row(
            "RFC 4291 2.5.5.2: mapped ::ffff:127.0.0.1 is IPv4 loopback",
            mapped(127, 0, 0, 1),
            "<u@ext.example>",
            "RELAY"),
        row(
            "RFC 4291 2.5.5.2: mapped text form is IPv4 loopback",
            ip("::ffff:127.0.0.1"),
            "<u@ext.example>",
            "RELAY"),
        row(
            "RFC 4291 2.5.5.2: mapped untrusted stays untrusted",
            mapped(203, 0, 113, 5),
            "<u@ext.example>",
            DENIED),
        row(
            "RFC 4291 2.5.5.1: IPv4-compatible ::127.0.0.1 is not IPv4",
            ip("::127.0.0.1"),
            "<u@ext.example>",
            DENIED),
        argumentSet(
            "authenticated untrusted client is RELAY",
            UNTRUSTED,
            true,
            "<user@ext.example>",
            "RELAY"),
        argumentSet(
            "authenticated client to local domain is LOCAL",
            UNTRUSTED,
            true,
            "<user@local.example>",
            "LOCAL"));
  }

  @Test
  void refusesEveryRelayWithNoRelayNetworks() {
    RelayAccessPolicy closed = new RelayAccessPolicy(List.of(), Set.of());
    assertEquals(DENIED, outcome(closed, LOOPBACK, false, "<user@local.example>"));
  }

  @Test
  void acceptsInternationalizedLocalDomainInALabelForm() {
    RelayAccessPolicy policy = new RelayAccessPolicy(List.of(), Set.of("Bücher.Example"));
    assertEquals("LOCAL", outcome(policy, UNTRUSTED, false, "<u@xn--bcher-kva.example>"));
  }

  @ParameterizedTest
  @MethodSource
  void refusesLocalDomainsThatAreNotFullyQualifiedNames(String domain) {
    Set<String> localDomains = Set.of(domain);
    assertThrows(
        IllegalArgumentException.class, () -> new RelayAccessPolicy(List.of(), localDomains));
  }

  static Stream<Arguments> refusesLocalDomainsThatAreNotFullyQualifiedNames() {
    return Stream.of(
        argumentSet("trailing dot", "local.example."),
        argumentSet("single label", "localhost"),
        argumentSet("address literal", "[192.0.2.1]"),
        argumentSet("wildcard", "*.local.example"));
  }

  private static Arguments row(String name, InetAddress client, String argument, String outcome) {
    return argumentSet(name, client, false, argument, outcome);
  }

  /** LOCAL or RELAY when accepted, otherwise the SMTP reply. */
  private static String outcome(
      RelayAccessPolicy policy, InetAddress client, boolean authenticated, String argument) {
    try {
      Mailbox rcpt = PathParser.parseRcptTo(argument, false).mailbox();
      AccessDecision decision = policy.decideRecipient(client, authenticated, rcpt);
      if (decision instanceof Accepted accepted) {
        assertEquals(rcpt, accepted.mailbox());
        return accepted.route().name();
      }
      return ((Refused) decision).smtpReply();
    } catch (AddressRejection e) {
      return e.smtpReply();
    }
  }

  /** Parses an address literal; never consults DNS. */
  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** {@code ::ffff:a.b.c.d} kept as an Inet6Address, as a raw-bytes constructor leaves it. */
  private static InetAddress mapped(int a, int b, int c, int d) {
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xff;
    bytes[11] = (byte) 0xff;
    bytes[12] = (byte) a;
    bytes[13] = (byte) b;
    bytes[14] = (byte) c;
    bytes[15] = (byte) d;
    try {
      return Inet6Address.getByAddress(null, bytes, -1);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
