package org.danerelay.server.access;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the argument of {@code MAIL FROM:} or {@code RCPT TO:} strictly as an RFC 5321 4.1.2 Path
 * followed by ESMTP parameters.
 *
 * <p>The argument is the text after the colon as the listener received it, e.g. {@code
 * <user@example.org> NOTIFY=NEVER}. Angle brackets are required. Spaces before the path and between
 * parameters are tolerated (RFC 5321 3.3 notes clients that send them); nothing else is repaired.
 */
public final class PathParser {

  /** RFC 5321 4.5.3.1.3: a path, brackets included, is at most 256 octets. */
  static final int MAX_PATH_OCTETS = 256;

  private static final String BAD_PARAMETER = "501 5.5.4 Malformed ESMTP parameter";

  private PathParser() {}

  /**
   * Parses a reverse-path; {@code <>} gives a null mailbox.
   *
   * @param smtpUtf8Offered whether this server advertised SMTPUTF8; non-ASCII is then allowed when
   *     the argument itself carries the SMTPUTF8 parameter (RFC 6531 3.4)
   */
  public static PathArgument parseMailFrom(String argument, boolean smtpUtf8Offered)
      throws AddressRejection {
    return parse(argument, PathRole.REVERSE, smtpUtf8Offered);
  }

  /**
   * Parses a forward-path; {@code <>} is refused.
   *
   * @param smtpUtf8 whether this transaction's {@code MAIL FROM} carried SMTPUTF8 (RFC 6531 3.4)
   */
  public static PathArgument parseRcptTo(String argument, boolean smtpUtf8)
      throws AddressRejection {
    return parse(argument, PathRole.FORWARD, smtpUtf8);
  }

  private static PathArgument parse(String argument, PathRole role, boolean smtpUtf8)
      throws AddressRejection {
    rejectControls(argument, role); // NUL, CR, LF: RFC 5321 4.1.2 has no place for them
    String text = stripSpaces(argument);
    if (!text.startsWith("<")) {
      throw role.mailbox("Angle brackets are required: use <local-part@domain>");
    }
    int close = indexOfUnquoted(text, '>', 1);
    if (close < 0) {
      throw role.badSyntax();
    }
    if (utf8Length(text, close + 1) > MAX_PATH_OCTETS) {
      throw role.mailbox("Address too long");
    }
    List<String> parameters = splitParameters(text.substring(close + 1));
    boolean utf8 =
        role == PathRole.FORWARD
            ? smtpUtf8
            : smtpUtf8
                && parameters.stream().anyMatch(p -> PathArgument.keywordOf(p).equals("SMTPUTF8"));
    for (String parameter : parameters) {
      checkParameter(parameter, utf8);
    }
    String path = text.substring(1, close);
    if (path.isEmpty()) {
      if (role == PathRole.FORWARD) {
        throw role.badSyntax(); // RFC 5321 4.1.2: only a reverse-path may be null
      }
      return new PathArgument(null, parameters);
    }
    // RFC 5321 4.1.1.3 lets a server decline the relaying a source route implies; Postfix strips
    // the route instead, but refusing leaves nothing for anyone downstream to interpret.
    if (path.startsWith("@") && indexOfUnquoted(path, ':', 1) > 0) {
      throw role.mailbox("Source routes are not accepted");
    }
    int at = indexOfUnquoted(path, '@', 0);
    String domain = at < 0 ? "" : path.substring(at + 1);
    if (at < 0 || domain.indexOf('@') >= 0) {
      throw role.badSyntax(); // no domain, or user@ext@local: a second unquoted '@'
    }
    String localPart = path.substring(0, at);
    LocalPartSyntax.check(localPart, utf8, role);
    return new PathArgument(
        new Mailbox(localPart, DomainSyntax.toAscii(domain, utf8, role)), parameters);
  }

  private static void rejectControls(String argument, PathRole role) throws AddressRejection {
    // A lone surrogate stays a surrogate code point: it cannot have come from valid UTF-8.
    if (argument
        .codePoints()
        .anyMatch(
            cp ->
                Character.isISOControl(cp)
                    || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE))) {
      throw role.badSyntax();
    }
  }

  private static String stripSpaces(String argument) {
    int start = 0;
    int end = argument.length();
    while (start < end && argument.charAt(start) == ' ') {
      start++;
    }
    while (end > start && argument.charAt(end - 1) == ' ') {
      end--;
    }
    return argument.substring(start, end);
  }

  /** The index of {@code wanted} outside a Quoted-string, honouring backslash quoted-pairs. */
  private static int indexOfUnquoted(String text, char wanted, int from) {
    boolean quoted = false;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static int utf8Length(String text, int end) {
    return text.substring(0, end).getBytes(StandardCharsets.UTF_8).length;
  }

  private static List<String> splitParameters(String rest) throws AddressRejection {
    if (rest.isEmpty()) {
      return List.of();
    }
    if (rest.charAt(0) != ' ') {
      throw new AddressRejection(BAD_PARAMETER); // RFC 5321 4.1.2: SP separates the parameters
    }
    List<String> parameters = new ArrayList<>();
    for (String token : stripSpaces(rest).split(" +")) {
      parameters.add(token);
    }
    return parameters;
  }

  /** RFC 5321 4.1.2 esmtp-param; RFC 6531 3.3 adds non-ASCII values under SMTPUTF8. */
  private static void checkParameter(String parameter, boolean utf8) throws AddressRejection {
    int eq = parameter.indexOf('=');
    String keyword = eq < 0 ? parameter : parameter.substring(0, eq);
    String value = eq < 0 ? null : parameter.substring(eq + 1);
    boolean wellFormed =
        keyword.matches("[A-Za-z0-9][A-Za-z0-9-]*")
            && (value == null
                || (!value.isEmpty()
                    && value
                        .chars()
                        .allMatch(c -> (c > 0x20 && c < 0x7f && c != '=') || (utf8 && c >= 0x80))));
    if (!wellFormed) {
      throw new AddressRejection(BAD_PARAMETER);
    }
  }
}
