import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads what one of the relay's delivery status notifications reports: the original message's
 * token, from the original headers it returns ({@code text/rfc822-headers}, RFC 6522 4), and the
 * Action of each Final-Recipient (RFC 3464 2.3.2, 2.3.3).
 *
 * <p>Only what the harness needs; the DSN's MIME structure is not checked, just its fields.
 */
final class DsnReader {

  /**
   * @param token the X-Chaos-Token of the original message, or "-" when the DSN returned none
   * @param actions each final recipient (lower case, without its address type) and its action
   */
  record Report(String token, Map<String, String> actions) {}

  private DsnReader() {}

  static Report read(List<String> content) {
    String token = "-";
    String recipient = null;
    Map<String, String> actions = new LinkedHashMap<>();
    for (String field : unfolded(content)) {
      String lower = field.toLowerCase(Locale.ROOT);
      if (lower.startsWith("x-chaos-token:") && token.equals("-")) {
        token = value(field);
      } else if (lower.startsWith("final-recipient:")) {
        // "rfc822; ok-c1m2@chaos.test" (RFC 3464 2.3.2: address-type ; address)
        String typed = value(field);
        recipient = typed.substring(typed.indexOf(';') + 1).trim().toLowerCase(Locale.ROOT);
      } else if (lower.startsWith("action:") && recipient != null) {
        actions.put(recipient, value(field).toLowerCase(Locale.ROOT));
        recipient = null;
      }
    }
    return new Report(token, actions);
  }

  private static String value(String field) {
    return field.substring(field.indexOf(':') + 1).trim();
  }

  // RFC 5322 2.2.3: a line starting with white space continues the field above it.
  private static List<String> unfolded(List<String> lines) {
    List<String> fields = new ArrayList<>();
    for (String line : lines) {
      boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
      if (continuation && !fields.isEmpty()) {
        int last = fields.size() - 1;
        fields.set(last, fields.get(last) + line);
      } else {
        fields.add(line);
      }
    }
    return fields;
  }
}
