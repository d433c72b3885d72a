package org.danerelay.queue;

import java.util.regex.Pattern;

/**
 * The shape of a queue id: 16 characters of Crockford base32, safe as a file name.
 *
 * <p>Ids come from {@link MessageQueue#newId()}. Anything read from a file name, a spool header or
 * the command line goes through {@link #requireValid} before it is used to build a path.
 */
public final class QueueId {

  /** Crockford's alphabet leaves out I, L, O and U so ids survive being read aloud or retyped. */
  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  /** Exactly what {@link MessageQueue#newId()} produces. */
  public static final Pattern PATTERN = Pattern.compile("[0-9A-HJKMNP-TV-Z]{16}");

  private QueueId() {}

  /** Tells whether {@code id} has the shape of a queue id. */
  public static boolean isValid(String id) {
    return id != null && PATTERN.matcher(id).matches();
  }

  /**
   * Returns {@code id} if it has the shape of a queue id.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String requireValid(String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException("not a queue id: " + printable(id));
    }
    return id;
  }

  // The bad id goes into exception messages and logs: keep control characters out of them.
  private static String printable(String id) {
    if (id == null) {
      return "null";
    }
    String shown = id.length() > 40 ? id.substring(0, 40) + "..." : id;
    return '"' + shown.replaceAll("\\p{Cntrl}", "?") + '"';
  }
}
