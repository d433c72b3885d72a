package org.danerelay.dane.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.danerelay.dane.dns.DnsAnswer;
import org.danerelay.dane.dns.DnsLookup;
import org.danerelay.dane.dns.Outcome;
import org.danerelay.dane.dns.Security;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

/**
 * The test double at the DNS edge (STYLE "mock only the edges"): serves answers from a map of
 * (name, type) to outcome, records and DNSSEC status, follows its own CNAMEs as a validating
 * resolver would (security = weakest link), and remembers every question asked.
 *
 * <p>A question nobody configured is a FAILURE ("not in the fake zone"), so a missing fixture shows
 * up as a skipped host or a defer, never as a silent "no records".
 */
final class FakeDns implements DnsLookup {

  private record Key(Name name, int type) {}

  private record Entry(Outcome outcome, Security security, List<Record> records) {}

  private record Alias(Name target, Security security) {}

  private final Map<Key, Entry> entries = new HashMap<>();
  private final Map<Name, Alias> aliases = new HashMap<>();
  private final List<String> questions = new ArrayList<>();

  /** MX records, each {@code "10 mx1.example.org"}; {@code "0 ."} is a null MX. */
  FakeDns mx(String domain, Security security, String... preferenceAndHost) {
    List<Record> records = new ArrayList<>();
    for (String mx : preferenceAndHost) {
      String[] f = mx.split(" ");
      records.add(new MXRecord(name(domain), DClass.IN, 300, Integer.parseInt(f[0]), name(f[1])));
    }
    return put(domain, Type.MX, Outcome.RECORDS, security, records);
  }

  /** A and AAAA records by address syntax; a family without addresses answers NODATA. */
  FakeDns host(String host, Security security, String... addresses) {
    List<Record> v4 = new ArrayList<>();
    List<Record> v6 = new ArrayList<>();
    for (String a : addresses) {
      InetAddress address = address(a);
      if (a.contains(":")) {
        v6.add(new AAAARecord(name(host), DClass.IN, 300, address));
      } else {
        v4.add(new ARecord(name(host), DClass.IN, 300, address));
      }
    }
    put(host, Type.A, v4.isEmpty() ? Outcome.NODATA : Outcome.RECORDS, security, v4);
    return put(host, Type.AAAA, v6.isEmpty() ? Outcome.NODATA : Outcome.RECORDS, security, v6);
  }

  /** TLSA records at {@code _25._tcp.<host>}, each in presentation form; none means NODATA. */
  FakeDns tlsa(String host, Security security, String... records) {
    return tlsa("_25._tcp." + host, 0, security, records);
  }

  /** TLSA records at an explicit owner name ({@code port} ignored when 0). */
  FakeDns tlsa(String owner, int port, Security security, String... records) {
    String at = port == 0 ? owner : "_" + port + "._tcp." + owner;
    List<Record> rrset = new ArrayList<>();
    for (String text : records) {
      TlsaRecord t = TlsaRecord.parse(text);
      rrset.add(
          new TLSARecord(
              name(at), DClass.IN, 300, t.usage(), t.selector(), t.matchingType(), t.data()));
    }
    return put(at, Type.TLSA, rrset.isEmpty() ? Outcome.NODATA : Outcome.RECORDS, security, rrset);
  }

  /** A record-less answer: NODATA, NXDOMAIN or FAILURE with the given status. */
  FakeDns answer(String name, int type, Outcome outcome, Security security) {
    return put(name, type, outcome, security, List.of());
  }

  /** {@code alias CNAME target}, the link signed or not as {@code security} says. */
  FakeDns cname(String alias, String target, Security security) {
    aliases.put(name(alias), new Alias(name(target), security));
    return this;
  }

  /** Every question so far, as {@code "name TYPE"}. */
  List<String> questions() {
    return List.copyOf(questions);
  }

  @Override
  public DnsAnswer lookup(Name query, int type) {
    questions.add(PlanNames.text(query) + " " + Type.string(type));
    Name at = query;
    List<Name> chain = new ArrayList<>();
    Security security = Security.SECURE;
    while (aliases.containsKey(at)) {
      if (chain.size() > 8) {
        return DnsAnswer.failure(query, type, "CNAME loop");
      }
      Alias alias = aliases.get(at);
      chain.add(at);
      security = security.weakest(alias.security());
      at = alias.target();
    }
    Entry entry = entries.get(new Key(at, type));
    if (entry == null) {
      return DnsAnswer.failure(
          query, type, "not in the fake zone: " + at + " " + Type.string(type));
    }
    String reason =
        entry.security().isFailure() || entry.outcome() == Outcome.FAILURE ? "fake" : "";
    return new DnsAnswer(
        query,
        type,
        at,
        chain,
        entry.records(),
        entry.outcome(),
        security.weakest(entry.security()),
        300,
        reason);
  }

  private FakeDns put(
      String owner, int type, Outcome outcome, Security security, List<Record> records) {
    entries.put(new Key(name(owner), type), new Entry(outcome, security, List.copyOf(records)));
    return this;
  }

  static Name name(String text) {
    return Name.fromConstantString(text.endsWith(".") ? text : text + ".");
  }

  static String sha256Hex(int seed) {
    byte[] data = new byte[32];
    data[0] = (byte) seed;
    return HexFormat.of().formatHex(data);
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
