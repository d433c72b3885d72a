package org.danerelay.server.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The value types that configuration keys are made of, one factory per type. */
final class ValueTypes {

  /** TLS versions the relay will speak; older ones are broken (RFC 8996). */
  static final List<String> TLS_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private ValueTypes() {}

  static ValueParser<Integer> wholeNumber(int min) {
    return ValueParser.of(
        "whole number, at least " + min,
        text -> {
          if (!text.matches("[+-]?\\d+")) {
            throw new IllegalArgumentException("not a whole number");
          }
          int value;
          try {
            value = Integer.parseInt(text);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("too large (at most " + Integer.MAX_VALUE + ")");
          }
          if (value < min) {
            throw new IllegalArgumentException("must be at least " + min);
          }
          return value;
        });
  }

  static ValueParser<Boolean> bool() {
    return ValueParser.of(
        "true or false",
        text ->
            switch (text.toLowerCase(Locale.ROOT)) {
              case "true", "yes" -> true;
              case "false", "no" -> false;
              default -> throw new IllegalArgumentException("not true, false, yes or no");
            });
  }

  /** A positive duration: a whole number with s, m, h or d; a plain number counts seconds. */
  static ValueParser<Duration> duration() {
    return ValueParser.of(
        "duration (30s, 5m, 2h, 5d)",
        text -> {
          Duration value = parseDuration(text);
          if (value.isZero()) {
            throw new IllegalArgumentException("must be longer than zero");
          }
          return value;
        });
  }

  /** Like {@link #duration()}, no shorter than {@code least}. */
  static ValueParser<Duration> durationAtLeast(Duration least) {
    return ValueParser.of(
        "duration of at least " + least.toSeconds() + "s",
        text -> {
          Duration value = parseDuration(text);
          if (value.compareTo(least) < 0) {
            throw new IllegalArgumentException("must be at least " + least.toSeconds() + "s");
          }
          return value;
        });
  }

  /** Like {@link #duration()}, where 0 turns the feature off. */
  static ValueParser<Duration> durationOrOff() {
    return ValueParser.of("duration (30s, 5m, 2h, 5d) or 0 for off", ValueTypes::parseDuration);
  }

  private static Duration parseDuration(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (!lower.matches("\\d+(ms|[smhd])?")) {
      throw new IllegalArgumentException(
          "not a duration: '" + text + "' (a whole number with ms, s, m, h or d)");
    }
    boolean millis = lower.endsWith("ms");
    char unit = lower.charAt(lower.length() - 1);
    String digits =
        lower.substring(0, lower.length() - (millis ? 2 : Character.isDigit(unit) ? 0 : 1));
    try {
      if (millis) {
        return Duration.ofMillis(Long.parseLong(digits));
      }
      long amount = Long.parseLong(digits);
      return switch (unit) {
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        case 'd' -> Duration.ofDays(amount);
        default -> Duration.ofSeconds(amount);
      };
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("duration too long: '" + text + "'");
    }
  }

  static ValueParser<DataSize> size() {
    return ValueParser.of("size in bytes (K, M, G = 1024-based)", DataSize::parse)
        .require(size -> size.bytes() > 0, "must be at least 1 byte");
  }

  static ValueParser<HostPort> hostPort() {
    return ValueParser.of("host:port", HostPort::parse);
  }

  /** A mailbox {@code local@domain}, printable ASCII: what a report's From and envelope carry. */
  static ValueParser<String> mailbox() {
    return ValueParser.of(
        "mailbox local@domain",
        text -> {
          int at = text.lastIndexOf('@');
          if (at < 1 || !text.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '<' && c != '>')) {
            throw new IllegalArgumentException("not a mailbox: '" + text + "'");
          }
          return text.substring(0, at) + "@" + DomainName.normalize(text.substring(at + 1));
        });
  }

  /** One line of printable ASCII: a name that goes into a report's headers, never a line break. */
  static ValueParser<String> oneLine() {
    return ValueParser.of(
        "text",
        text -> {
          if (text.isBlank() || text.chars().anyMatch(c -> c < ' ' || c > '~')) {
            throw new IllegalArgumentException("must be one line of printable ASCII");
          }
          return text;
        });
  }

  static ValueParser<String> domainName() {
    return ValueParser.of("DNS name", DomainName::normalize);
  }

  /** A path as written; relative ones are resolved later, against the config file's folder. */
  static ValueParser<Path> path() {
    return ValueParser.of(
        "path",
        text -> {
          if (text.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
          }
          try {
            return Path.of(text);
          } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path: " + e.getReason());
          }
        });
  }

  /** A network allowed to relay; a /0 would be an open relay, which is never what is meant. */
  static ValueParser<Cidr> relayNetwork() {
    return ValueParser.of("CIDR", Cidr::parse)
        .require(
            cidr -> cidr.prefixLength() > 0,
            "a /0 network lets every client relay anywhere (an open relay); list real networks");
  }

  /** A network of trusted proxies; a /0 would let any client claim any address. */
  static ValueParser<Cidr> proxyNetwork() {
    return ValueParser.of("CIDR", Cidr::parse)
        .require(
            cidr -> cidr.prefixLength() > 0,
            "a /0 network lets every client claim any address; list the proxies themselves");
  }

  static ValueParser<String> tlsProtocol() {
    return ValueParser.of(
        String.join(" or ", TLS_PROTOCOLS),
        text -> {
          if (!TLS_PROTOCOLS.contains(text)) {
            throw new IllegalArgumentException(
                "unsupported TLS protocol '"
                    + text
                    + "' (use "
                    + String.join(", ", TLS_PROTOCOLS)
                    + ")");
          }
          return text;
        });
  }

  static ValueParser<LogLevel> logLevel() {
    String names =
        Arrays.stream(LogLevel.values())
            .map(LogLevel::configName)
            .collect(Collectors.joining(", "));
    return ValueParser.of(
        "one of " + names,
        text -> {
          for (LogLevel level : LogLevel.values()) {
            if (level.configName().equalsIgnoreCase(text)) {
              return level;
            }
          }
          throw new IllegalArgumentException("not a log level: '" + text + "' (use " + names + ")");
        });
  }

  /** One of a fixed set of words, compared without regard to case and given back lower case. */
  static ValueParser<String> oneOf(List<String> words) {
    String choices = String.join(", ", words);
    return ValueParser.of(
        "one of " + choices,
        text -> {
          String word = text.toLowerCase(java.util.Locale.ROOT);
          if (!words.contains(word)) {
            throw new IllegalArgumentException("'" + text + "' is not one of " + choices);
          }
          return word;
        });
  }

  /** Comma-separated durations such as {@code 1m, 5m, 1h}; given back as written, tidied. */
  static ValueParser<String> retrySteps() {
    ValueParser<List<Duration>> steps = duration().list();
    return ValueParser.of(
        "durations separated by commas",
        text -> {
          List<Duration> parsed = steps.parse(text);
          if (parsed.isEmpty() || parsed.stream().anyMatch(d -> d.isZero() || d.isNegative())) {
            throw new IllegalArgumentException("needs one or more positive durations: " + text);
          }
          return String.join(
              ",", java.util.Arrays.stream(text.split(",")).map(String::strip).toList());
        });
  }

  static ValueParser<String> jdbcUrl() {
    return ValueParser.of(
        "JDBC URL",
        text -> {
          if (!text.startsWith("jdbc:h2:") && !text.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                "not a queue database URL: '"
                    + text
                    + "' (must start jdbc:h2: or jdbc:postgresql:)");
          }
          return text;
        });
  }
}
