package org.danerelay.server.access;

import java.util.List;
import java.util.Locale;

/**
 * A parsed {@code MAIL FROM} or {@code RCPT TO} argument: the mailbox of the path and the ESMTP
 * parameters that followed it (RFC 5321 4.1.2 Mail-parameters / Rcpt-parameters).
 *
 * @param mailbox the mailbox, or {@code null} only for the null reverse-path {@code MAIL FROM:<>}
 * @param parameters each parameter as written, {@code KEYWORD} or {@code KEYWORD=VALUE}, in order
 */
public record PathArgument(Mailbox mailbox, List<String> parameters) {

  public PathArgument {
    parameters = List.copyOf(parameters);
  }

  /** True for {@code <>}, the null reverse-path used by bounces (RFC 5321 4.5.5). */
  public boolean isNullPath() {
    return mailbox == null;
  }

  /** True when a parameter with this keyword was given; keywords are case-insensitive (2.4). */
  public boolean hasParameter(String keyword) {
    String wanted = keyword.toUpperCase(Locale.ROOT);
    return parameters.stream().anyMatch(p -> keywordOf(p).equals(wanted));
  }

  static String keywordOf(String parameter) {
    int eq = parameter.indexOf('=');
    return (eq < 0 ? parameter : parameter.substring(0, eq)).toUpperCase(Locale.ROOT);
  }
}
