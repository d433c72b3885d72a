package org.danerelay.dane.testdns;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * One zone of the test DNS: its records, and, unless {@link ZoneKind#UNSIGNED}, its EC P-256 key
 * (algorithm 13), signatures and NSEC chain (RFC 4034 4, RFC 4035 2).
 */
final class TestZone {

  static final long TTL = 3600;

  /** SOA minimum, and so the NSEC TTL and the negative caching TTL (RFC 2308 5, RFC 4035 2.3). */
  static final long NEGATIVE_TTL = 300;

  private final Name origin;
  private final ZoneKind kind;
  private final KeyPair signingKey;
  private final DNSKEYRecord dnskey;
  private final DNSKEYRecord publishedKey;
  private final NavigableMap<Name, Map<Integer, RRset>> data = new TreeMap<>();
  private final List<Name> delegations = new ArrayList<>();

  TestZone(Name origin, ZoneKind kind) {
    this.origin = origin;
    this.kind = kind;
    if (kind == ZoneKind.UNSIGNED) {
      this.signingKey = null;
      this.dnskey = null;
      this.publishedKey = null;
      return;
    }
    this.signingKey = newKey();
    this.dnskey = dnskey(signingKey);
    // RFC 4035 5.2: a DS that names another key leaves the zone's own key unauthenticated.
    this.publishedKey = kind == ZoneKind.WRONG_KEY ? dnskey(newKey()) : dnskey;
  }

  Name origin() {
    return origin;
  }

  boolean isSigned() {
    return kind != ZoneKind.UNSIGNED;
  }

  /** The DS the parent publishes for this zone; null for an unsigned zone. */
  DSRecord ds() {
    return publishedKey == null
        ? null
        : new DSRecord(origin, DClass.IN, TTL, DNSSEC.Digest.SHA256, publishedKey);
  }

  void add(Record record) {
    data.computeIfAbsent(record.getName(), n -> new HashMap<>())
        .computeIfAbsent(record.getType(), t -> new RRset())
        .addRR(record);
  }

  /** Adds the apex, the delegations to {@code children}, the NSEC chain and the signatures. */
  void finish(List<TestZone> children, Instant now) {
    Name ns = below("ns", origin);
    add(
        new SOARecord(
            origin,
            DClass.IN,
            TTL,
            ns,
            below("hostmaster", origin),
            1,
            3600,
            600,
            86400,
            NEGATIVE_TTL));
    if (rrset(origin, Type.NS) == null) {
      add(new NSRecord(origin, DClass.IN, TTL, ns)); // unless the test named its own servers
    }
    if (dnskey != null) {
      add(dnskey);
    }
    for (TestZone child : children) {
      delegations.add(child.origin);
      add(new NSRecord(child.origin, DClass.IN, TTL, below("ns", child.origin)));
      DSRecord ds = child.ds();
      if (ds != null) {
        add(ds);
      }
    }
    if (!isSigned()) {
      return;
    }
    addNsecChain();
    sign(now);
  }

  private void addNsecChain() {
    List<Name> owners = new ArrayList<>(data.keySet());
    for (int i = 0; i < owners.size(); i++) {
      Name owner = owners.get(i);
      Name next = owners.get((i + 1) % owners.size());
      List<Integer> types = new ArrayList<>(data.get(owner).keySet());
      types.add(Type.NSEC);
      types.add(Type.RRSIG);
      int[] bitmap = types.stream().mapToInt(Integer::intValue).sorted().toArray();
      add(new NSECRecord(owner, DClass.IN, NEGATIVE_TTL, next, bitmap));
    }
  }

  private void sign(Instant now) {
    Instant inception = now.minus(Duration.ofHours(1));
    Instant expiration = now.plus(Duration.ofDays(30));
    if (kind == ZoneKind.EXPIRED) {
      inception = now.minus(Duration.ofDays(30));
      expiration = now.minus(Duration.ofDays(1));
    }
    for (Map.Entry<Name, Map<Integer, RRset>> byName : data.entrySet()) {
      boolean cut = delegations.contains(byName.getKey());
      for (RRset set : byName.getValue().values()) {
        if (cut && set.getType() == Type.NS) {
          continue; // RFC 4035 2.2: delegation NS records are not signed
        }
        try {
          RRSIGRecord sig =
              DNSSEC.sign(
                  new RRset(set.rrs()), dnskey, signingKey.getPrivate(), inception, expiration);
          set.addRR(sig);
        } catch (DNSSEC.DNSSECException e) {
          throw new IllegalStateException("cannot sign " + set, e);
        }
      }
    }
  }

  /** Replaces the signature of one RRset by a copy with a flipped bit (RFC 4035 5.3.3: BOGUS). */
  void damageSignature(Name name, int type) {
    RRset set = rrset(name, type);
    if (set == null || set.sigs().isEmpty()) {
      throw new IllegalArgumentException("no signed " + Type.string(type) + " at " + name);
    }
    RRset damaged = new RRset();
    set.rrs(false).forEach(damaged::addRR);
    for (RRSIGRecord sig : set.sigs()) {
      byte[] signature = sig.getSignature().clone();
      signature[signature.length / 2] ^= 0x01;
      damaged.addRR(
          new RRSIGRecord(
              sig.getName(),
              sig.getDClass(),
              sig.getTTL(),
              sig.getTypeCovered(),
              sig.getAlgorithm(),
              sig.getOrigTTL(),
              sig.getExpire(),
              sig.getTimeSigned(),
              sig.getFootprint(),
              sig.getSigner(),
              signature));
    }
    data.get(name).put(type, damaged);
  }

  RRset rrset(Name name, int type) {
    Map<Integer, RRset> byType = data.get(name);
    return byType == null ? null : byType.get(type);
  }

  /** True when {@code name} owns records or is an empty non-terminal above some. */
  boolean exists(Name name) {
    if (data.containsKey(name)) {
      return true;
    }
    Name next = data.higherKey(name);
    return next != null && next.subdomain(name);
  }

  /** The NSEC owned by {@code name}, or else the one whose span covers it. */
  RRset nsecFor(Name name) {
    RRset own = rrset(name, Type.NSEC);
    if (own != null) {
      return own;
    }
    Name owner = data.lowerKey(name);
    return rrset(owner == null ? origin : owner, Type.NSEC);
  }

  /** The longest existing ancestor of a name that does not exist (RFC 4592 3.3.1). */
  Name closestEncloser(Name name) {
    Name candidate = name;
    while (candidate.labels() > origin.labels()) {
      candidate = new Name(candidate, 1);
      if (exists(candidate)) {
        return candidate;
      }
    }
    return origin;
  }

  private static Name below(String label, Name parent) {
    try {
      return Name.fromString(label, parent);
    } catch (org.xbill.DNS.TextParseException e) {
      throw new IllegalArgumentException(label, e);
    }
  }

  private static KeyPair newKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no EC P-256 in this JDK", e);
    }
  }

  private DNSKEYRecord dnskey(KeyPair key) {
    try {
      return new DNSKEYRecord(
          origin,
          DClass.IN,
          TTL,
          DNSKEYRecord.Flags.ZONE_KEY | DNSKEYRecord.Flags.SEP_KEY,
          DNSKEYRecord.Protocol.DNSSEC,
          DNSSEC.Algorithm.ECDSAP256SHA256,
          key.getPublic());
    } catch (DNSSEC.DNSSECException e) {
      throw new IllegalStateException(e);
    }
  }
}
