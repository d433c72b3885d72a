package org.danerelay.dane.testdns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A set of test zones under a signed root, built and signed at test time, with the root's DS as the
 * trust anchor: what {@link SignedZoneServer} serves.
 *
 * <pre>{@code
 * TestZones zones = TestZones.builder()
 *     .signedRoot()
 *     .zone("example.test", ZoneKind.SIGNED)
 *     .a("mx.example.test", "127.0.0.2")
 *     .mx("example.test", 10, "mx.example.test")
 *     .tlsa("_25._tcp.mx.example.test", "3 1 1 " + sha256Hex)
 *     .build();
 * }</pre>
 *
 * <p>Every record goes to the deepest zone that encloses its name; missing zones between the root
 * and a named zone are added as {@link ZoneKind#SIGNED}. A zone's apex gets the NS record {@code
 * ns.<zone>} unless NS records were added at its apex.
 */
public final class TestZones {

  private final Map<Name, TestZone> zones;
  private final Set<Name> servfail;
  private final QueryFaults faults;
  private final String trustAnchor;

  private TestZones(Map<Name, TestZone> zones, Set<Name> servfail, QueryFaults faults) {
    this.zones = zones;
    this.servfail = Set.copyOf(servfail);
    this.faults = faults;
    this.trustAnchor = zones.get(Name.root).ds().toString() + "\n";
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The trust anchor: the root zone's DS record, one line in zone file format. */
  public String trustAnchor() {
    return trustAnchor;
  }

  /** Writes {@link #trustAnchor()} to {@code file} and returns it. */
  public Path writeTrustAnchor(Path file) {
    try {
      return Files.writeString(file, trustAnchor, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts an authoritative server for these zones on 127.0.0.1. */
  public SignedZoneServer serve() throws IOException {
    return new SignedZoneServer(this, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  /**
   * Starts an authoritative server for these zones on {@code address} and {@code port}: a name
   * server that the zones' own NS and A records name, e.g. on port 53 of an address from {@link
   * TestLoopback#randomAddress()}.
   */
  public SignedZoneServer serveAt(InetAddress address, int port) throws IOException {
    return new SignedZoneServer(this, new InetSocketAddress(address, port));
  }

  ZoneAnswerer answerer() {
    return new ZoneAnswerer(zones, servfail);
  }

  QueryFaults faults() {
    return faults;
  }

  static Name name(String text) {
    try {
      return Name.fromString(text, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("bad name " + text, e);
    }
  }

  /** Collects zones and records; {@link #build()} signs them. */
  public static final class Builder {
    private final Map<Name, ZoneKind> kinds = new LinkedHashMap<>();
    private final List<Record> records = new ArrayList<>();
    private final Set<Name> servfail = new HashSet<>();
    private final Map<Name, QueryFaults.Fault> wireFaults = new HashMap<>();
    private final List<Record> forged = new ArrayList<>();
    private long ttl = TestZone.TTL;

    private Builder() {
      kinds.put(Name.root, ZoneKind.SIGNED);
    }

    /** The root zone, signed; its DS is the trust anchor. (Always present; for readability.) */
    public Builder signedRoot() {
      return this;
    }

    /** A zone delegated from the nearest enclosing zone, signed as {@code kind} says. */
    public Builder zone(String origin, ZoneKind kind) {
      Name name = name(origin);
      if (name.equals(Name.root) && kind != ZoneKind.SIGNED) {
        throw new IllegalArgumentException("the root is the trust anchor: it is SIGNED");
      }
      kinds.put(name, kind);
      return this;
    }

    /** The TTL of the records added after this call (default 3600). */
    public Builder ttl(long seconds) {
      this.ttl = seconds;
      return this;
    }

    public Builder a(String owner, String address) {
      return record(owner, Type.A, address);
    }

    public Builder aaaa(String owner, String address) {
      return record(owner, Type.AAAA, address);
    }

    public Builder mx(String owner, int preference, String exchange) {
      return record(owner, Type.MX, preference + " " + name(exchange));
    }

    public Builder cname(String owner, String target) {
      return record(owner, Type.CNAME, name(target).toString());
    }

    /** A TLSA record from its presentation form, e.g. {@code "3 1 1 <hex>"}. */
    public Builder tlsa(String owner, String rdata) {
      return record(owner, Type.TLSA, rdata);
    }

    public Builder txt(String owner, String text) {
      return record(owner, Type.TXT, "\"" + text + "\"");
    }

    /** Any record from its type and presentation form. */
    public Builder record(String owner, int type, String rdata) {
      try {
        records.add(Record.fromString(name(owner), type, DClass.IN, ttl, rdata, Name.root));
      } catch (IOException e) {
        throw new IllegalArgumentException(Type.string(type) + " " + rdata, e);
      }
      return this;
    }

    /** Queries for {@code owner} (any type, also as a CNAME target) are answered SERVFAIL. */
    public Builder servfail(String owner) {
      servfail.add(name(owner));
      return this;
    }

    /**
     * Queries for exactly {@code owner} (any type) are never answered, over UDP or TCP: a resolver
     * that times out.
     */
    public Builder silent(String owner) {
      wireFaults.put(
          name(owner), new QueryFaults.Fault(QueryFaults.Action.DROP, QueryFaults.Action.DROP));
      return this;
    }

    /**
     * Queries for exactly {@code owner} are answered with TC set over UDP, however small the
     * answer; over TCP they are answered in full when {@code tcpAnswers}, else the connection is
     * closed unanswered.
     */
    public Builder truncatedOverUdp(String owner, boolean tcpAnswers) {
      QueryFaults.Action tcp = tcpAnswers ? QueryFaults.Action.ANSWER : QueryFaults.Action.CLOSE;
      wireFaults.put(name(owner), new QueryFaults.Fault(QueryFaults.Action.TRUNCATE, tcp));
      return this;
    }

    /**
     * The RRset of {@code type} at {@code owner} is served with a signature whose bytes are
     * damaged: data a validator must call BOGUS (RFC 4035 5.3.3) in an otherwise secure zone.
     */
    public Builder badSignature(String owner, int type) {
      forged.add(Record.newRecord(name(owner), type, DClass.IN));
      return this;
    }

    /** Creates the zones, adds delegations, NSEC chains and signatures. */
    public TestZones build() {
      Map<Name, ZoneKind> all = new LinkedHashMap<>(kinds);
      for (Name origin : kinds.keySet()) {
        for (Name up = parentName(origin); up != null; up = parentName(up)) {
          all.putIfAbsent(up, ZoneKind.SIGNED);
        }
      }
      Map<Name, TestZone> zones = new LinkedHashMap<>();
      all.forEach((origin, kind) -> zones.put(origin, new TestZone(origin, kind)));
      for (Record record : records) {
        ZoneAnswerer.deepest(zones, record.getName()).add(record);
      }
      Instant now = Instant.now();
      for (TestZone zone : zones.values()) {
        List<TestZone> children = new ArrayList<>();
        for (TestZone other : zones.values()) {
          Name up = parentName(other.origin());
          if (up != null && ZoneAnswerer.deepest(zones, up) == zone) {
            children.add(other);
          }
        }
        zone.finish(children, now);
      }
      for (Record damaged : forged) {
        ZoneAnswerer.deepest(zones, damaged.getName())
            .damageSignature(damaged.getName(), damaged.getType());
      }
      return new TestZones(zones, servfail, new QueryFaults(wireFaults));
    }

    private static Name parentName(Name name) {
      return name.labels() <= 1 ? null : new Name(name, 1);
    }
  }
}
