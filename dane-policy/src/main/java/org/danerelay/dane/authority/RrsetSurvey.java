package org.danerelay.dane.authority;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * What every authoritative server of a zone said about one RRset: the evidence that a record is
 * published everywhere, or which servers lag behind.
 *
 * @param name the owner asked about
 * @param type the record type asked about ({@link org.xbill.DNS.Type})
 * @param zone the zone that holds {@code name}, when it could be found
 * @param answers one per address of every name server of the zone
 * @param problem why the survey is incomplete before any server was asked; empty otherwise
 */
public record RrsetSurvey(
    Name name, int type, Optional<Name> zone, List<ServerAnswer> answers, String problem) {

  public RrsetSurvey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(zone, "zone");
    answers = List.copyOf(answers);
    Objects.requireNonNull(problem, "problem");
  }

  static RrsetSurvey failed(Name name, int type, String problem) {
    return new RrsetSurvey(name, type, Optional.empty(), List.of(), problem);
  }

  /** The zone was found, it has servers, and every address of each gave an authoritative answer. */
  public boolean complete() {
    return zone.isPresent()
        && !answers.isEmpty()
        && answers.stream().allMatch(ServerAnswer::answered);
  }

  /** Complete, and every server holds the very same set of records. */
  public boolean consistent() {
    return complete() && answers.stream().map(ServerAnswer::rdata).distinct().count() == 1;
  }

  /** Complete, and {@code rdata} (any case, any spacing) is in every server's answer. */
  public boolean onEveryServer(String rdata) {
    return complete() && lacking(rdata).isEmpty();
  }

  /** The servers whose answer lacks {@code rdata} (any case, any spacing), failed ones included. */
  public List<ServerAnswer> lacking(String rdata) {
    String wanted = normalized(rdata);
    return answers.stream().filter(answer -> !answer.rdata().contains(wanted)).toList();
  }

  /** The largest TTL any server gave for the RRset: how long resolvers may hold an old copy. */
  public long maxTtlSeconds() {
    return answers.stream().mapToLong(ServerAnswer::ttlSeconds).max().orElse(0);
  }

  /** Lower case with single spaces: the form {@link ServerAnswer#rdata()} holds. */
  static String normalized(String rdata) {
    return rdata.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
