package org.danerelay.dane.sts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads an MTA-STS policy body (RFC 8461 3.2): {@code key: value} lines ending in LF or CRLF, with
 * {@code version: STSv1}, a {@code mode}, a {@code max_age} and, unless the mode is none, at least
 * one {@code mx}. Names and values are case-sensitive ({@code %s} strings in the ABNF, RFC 7405);
 * unknown keys are ignored; of a repeated key other than {@code mx} the first counts.
 */
public final class StsPolicyParser {

  /** What the body says. */
  public sealed interface Result {}

  /** A well-formed policy. */
  public record Valid(StsPolicy policy) implements Result {
    public Valid {
      Objects.requireNonNull(policy, "policy");
    }
  }

  /** A malformed one, and why (RFC 8460 reports it as {@code sts-policy-invalid}). */
  public record Invalid(String why) implements Result {
    public Invalid {
      Objects.requireNonNull(why, "why");
    }
  }

  private StsPolicyParser() {}

  /**
   * @param domain the policy domain the body was fetched for
   * @param id the TXT record's {@code id} it was fetched under
   */
  public static Result parse(String domain, String id, String body) {
    Map<String, String> first = new HashMap<>();
    List<MxPattern> mx = new ArrayList<>();
    for (String raw : body.split("\n", -1)) {
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      if (line.isBlank()) {
        continue; // the optional final delimiter, and blank lines a server may add
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        return new Invalid("line without 'key:': " + abbreviated(line));
      }
      String key = line.substring(0, colon);
      String value = line.substring(colon + 1).strip(); // *WSP around the value
      if (key.equals("mx")) {
        try {
          mx.add(new MxPattern(value));
        } catch (IllegalArgumentException e) {
          return new Invalid("bad mx value: " + abbreviated(value));
        }
      } else {
        first.putIfAbsent(key, value);
      }
    }
    if (!"STSv1".equals(first.get("version"))) {
      return new Invalid("version is not STSv1");
    }
    StsMode mode = mode(first.get("mode"));
    if (mode == null) {
      return new Invalid("mode is not enforce, testing or none");
    }
    String maxAge = first.get("max_age");
    if (maxAge == null || !maxAge.matches("[0-9]{1,10}")) {
      return new Invalid("max_age is not 1 to 10 digits");
    }
    long seconds = Long.parseLong(maxAge);
    if (seconds > StsPolicy.LONGEST_MAX_AGE.toSeconds()) {
      return new Invalid("max_age above 31557600");
    }
    if (mx.isEmpty() && mode != StsMode.NONE) {
      return new Invalid("no mx in mode " + mode);
    }
    return new Valid(new StsPolicy(domain, id, mode, mx, Duration.ofSeconds(seconds), body));
  }

  /** The mode the exact, lower-case value names; null for anything else. */
  private static StsMode mode(String value) {
    if (value == null) {
      return null;
    }
    return StsMode.fromPolicy(value).filter(m -> m.policyName().equals(value)).orElse(null);
  }

  private static String abbreviated(String text) {
    String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
  }
}
