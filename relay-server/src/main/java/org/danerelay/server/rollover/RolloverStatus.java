package org.danerelay.server.rollover;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.danerelay.dane.authority.AuthoritySurvey;
import org.danerelay.dane.authority.RrsetSurvey;
import org.danerelay.dane.authority.ServerAnswer;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.danerelay.server.rollover.RolloverVerdict.Level;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@code tlsa rollover status}: asks every authoritative name server of each MX host's zone for its
 * TLSA records, and tells whether the record that will match the next certificate has been on all
 * of them, without a break, for at least two TTLs: long enough for every cache to hold it (RFC 7671
 * 8.1; the how-to asks for explicit queries to every server, not only the primary).
 *
 * <p>Since when a record has been everywhere is remembered in the rollover's state file, updated by
 * each run; a run that finds it missing anywhere starts the count again.
 */
public final class RolloverStatus implements RolloverPromote.SafetyCheck {

  private final RolloverFiles files;
  private final AuthoritySurvey survey;
  private final Clock clock;

  public RolloverStatus(RolloverFiles files, AuthoritySurvey survey, Clock clock) {
    this.files = files;
    this.survey = survey;
    this.clock = clock;
  }

  @Override
  public RolloverVerdict check(RolloverState state) throws IOException {
    TlsaRecord needed = RolloverRecords.neededAfterSwitch(state, files);
    TlsaRecord current = RolloverRecords.forCertificateFile(files.cert());
    String label = state.scheme() == RolloverScheme.CURRENT_NEXT ? "next   " : "issuer ";
    Instant now = clock.instant();
    Level level = Level.OK;
    boolean everywhere = true;
    long ttl = 0;
    Instant latest = Instant.MIN;
    Map<String, Instant> seen = new TreeMap<>();
    List<String> lines = new ArrayList<>();
    lines.add("rollover " + state.scheme() + " started " + state.started());
    for (String host : state.hosts()) {
      Name owner = owner(state.port(), host);
      RrsetSurvey rrset = survey.survey(owner, Type.TLSA);
      lines.add(heading(owner, rrset));
      if (!rrset.complete()) {
        level = Level.CRITICAL;
        everywhere = false;
        lines.add("  cannot hear from every authoritative server: " + rrset.problem());
        rrset.answers().stream()
            .filter(answer -> !answer.answered())
            .forEach(answer -> lines.add("    " + answer.describe()));
        continue;
      }
      ttl = Math.max(ttl, rrset.maxTtlSeconds());
      if (rrset.onEveryServer(current.toString())) {
        lines.add("  current " + current + ": on every server");
      } else {
        // Not needed after the switch, but DANE clients fail against the current key now.
        level = level.atLeast(Level.WARNING);
        lines.add(
            "  current " + current + ": missing on " + names(rrset.lacking(current.toString())));
      }
      if (rrset.onEveryServer(needed.toString())) {
        String key = RolloverState.sighting(owner.toString(), needed);
        Instant first = state.firstSeen().getOrDefault(key, now);
        seen.put(key, first);
        latest = first.isAfter(latest) ? first : latest;
        lines.add(
            "  "
                + label
                + needed
                + ": on every server since "
                + first
                + " (for "
                + human(Duration.between(first, now))
                + ")");
      } else {
        level = Level.CRITICAL;
        everywhere = false;
        lines.add(
            "  " + label + needed + ": missing on " + names(rrset.lacking(needed.toString())));
      }
    }
    state.withFirstSeen(seen).save(files.state());
    Duration wait = Duration.ofSeconds(2 * ttl);
    boolean safe = false;
    if (!everywhere) {
      lines.add(
          "not safe: the "
              + label.strip()
              + " record must be on every authoritative server of every host, then stay two TTLs");
    } else if (!now.isBefore(latest.plus(wait))) {
      safe = true;
      lines.add(
          "safe: every record needed after the switch has been on every authoritative server for"
              + " at least two TTLs ("
              + human(wait)
              + ")");
    } else {
      level = level.atLeast(Level.WARNING);
      lines.add(
          "not safe yet: "
              + human(Duration.between(now, latest.plus(wait)))
              + " left (two TTLs of "
              + ttl
              + " s since "
              + latest
              + ")");
    }
    return new RolloverVerdict(level, safe, ttl, lines);
  }

  private static String heading(Name owner, RrsetSurvey rrset) {
    return owner
        + " TLSA"
        + rrset.zone().map(zone -> " (zone " + zone + ", ").orElse(" (no zone found, ")
        + rrset.answers().size()
        + " server address"
        + (rrset.answers().size() == 1 ? "" : "es")
        + ", largest TTL "
        + rrset.maxTtlSeconds()
        + " s)";
  }

  private static String names(List<ServerAnswer> lacking) {
    return lacking.stream().map(ServerAnswer::describe).collect(Collectors.joining("; "));
  }

  private static Name owner(int port, String host) {
    try {
      return Name.fromString("_" + port + "._tcp." + host + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a host name: " + host, e);
    }
  }

  /** {@code 1h 5m 3s}, {@code 2s}: for a person reading the report. */
  static String human(Duration duration) {
    long seconds = Math.max(0, (duration.toMillis() + 999) / 1000);
    if (seconds < 60) {
      return seconds + "s";
    }
    StringBuilder text = new StringBuilder();
    long days = seconds / 86400;
    long hours = seconds % 86400 / 3600;
    long minutes = seconds % 3600 / 60;
    if (days > 0) {
      text.append(days).append("d ");
    }
    if (hours > 0) {
      text.append(hours).append("h ");
    }
    if (minutes > 0) {
      text.append(minutes).append("m ");
    }
    if (seconds % 60 > 0) {
      text.append(seconds % 60).append("s");
    }
    return text.toString().strip();
  }
}
