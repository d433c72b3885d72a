package org.danerelay.server.rollover;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.danerelay.dane.tlsa.TlsaRecord;

/**
 * What a rollover remembers between runs of {@code danerelay tlsa rollover}: its scheme, the MX
 * hosts, the issuer's record, and since when each record needed after the switch has been on every
 * authoritative server without a break. Kept as {@code key=value} lines beside the key.
 *
 * @param scheme current+next or current+issuer
 * @param hosts the MX host names the records are published for, lower case, no trailing dot
 * @param port the TCP port of the records' owner name, 25 for MX delivery
 * @param issuer the issuer's {@code 2 1 1} (current+issuer only)
 * @param started when {@code init} or the last {@code promote} began this rollover
 * @param firstSeen per {@code "<owner> <record>"}: when it was first seen on every server
 */
public record RolloverState(
    RolloverScheme scheme,
    List<String> hosts,
    int port,
    Optional<TlsaRecord> issuer,
    Instant started,
    Map<String, Instant> firstSeen) {

  public RolloverState {
    Objects.requireNonNull(scheme, "scheme");
    hosts = List.copyOf(hosts);
    Objects.requireNonNull(issuer, "issuer");
    if (hosts.isEmpty() || (scheme == RolloverScheme.CURRENT_ISSUER) != issuer.isPresent()) {
      throw new IllegalArgumentException("hosts, and an issuer exactly for current+issuer");
    }
    Objects.requireNonNull(started, "started");
    firstSeen = Map.copyOf(firstSeen);
  }

  /** The key under which {@code record} at {@code owner} is remembered. */
  static String sighting(String owner, TlsaRecord record) {
    return owner + " " + record;
  }

  /** This state with the sightings replaced. */
  public RolloverState withFirstSeen(Map<String, Instant> sightings) {
    return new RolloverState(scheme, hosts, port, issuer, started, sightings);
  }

  /**
   * Reads {@code file}.
   *
   * @throws IOException {@code file:line: reason}, or that no rollover was started
   */
  public static RolloverState load(Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IOException(
          "no rollover in progress (" + file + " not found): start one with 'tlsa rollover init'");
    }
    RolloverScheme scheme = null;
    List<String> hosts = new ArrayList<>();
    int port = 25;
    Optional<TlsaRecord> issuer = Optional.empty();
    Instant started = null;
    Map<String, Instant> seen = new TreeMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      int equals = line.indexOf('=');
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + ":" + (i + 1) + ": ";
      if (equals < 1) {
        throw new IOException(where + "expected key=value");
      }
      String value = line.substring(equals + 1).strip();
      try {
        switch (line.substring(0, equals).strip()) {
          case "scheme" -> scheme = RolloverScheme.parse(value);
          case "host" -> hosts.add(value);
          case "port" -> port = Integer.parseInt(value);
          case "issuer" -> issuer = Optional.of(TlsaRecord.parse(value));
          case "started" -> started = Instant.parse(value);
          case "seen" -> {
            int at = value.lastIndexOf(' ');
            seen.put(value.substring(0, at), Instant.parse(value.substring(at + 1)));
          }
          default -> throw new IllegalArgumentException("unknown key");
        }
      } catch (IllegalArgumentException | DateTimeParseException | IndexOutOfBoundsException e) {
        throw new IOException(where + "cannot read '" + line + "': " + e.getMessage(), e);
      }
    }
    try {
      return new RolloverState(scheme, hosts, port, issuer, started, seen);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IOException(file + ": incomplete rollover state (" + e.getMessage() + ")", e);
    }
  }

  /** Writes this state to {@code file} atomically. */
  public void save(Path file) throws IOException {
    StringBuilder text =
        new StringBuilder("# danerelay tlsa rollover: written by init, status and promote\n");
    text.append("scheme=").append(scheme).append('\n');
    hosts.forEach(host -> text.append("host=").append(host).append('\n'));
    text.append("port=").append(port).append('\n');
    issuer.ifPresent(record -> text.append("issuer=").append(record).append('\n'));
    text.append("started=").append(started).append('\n');
    new TreeMap<>(firstSeen)
        .forEach(
            (key, when) -> text.append("seen=").append(key).append(' ').append(when).append('\n'));
    AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8), AtomicFiles.PUBLIC);
  }
}
