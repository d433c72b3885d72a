package org.danerelay.dane.sts;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads the TXT records at {@code _mta-sts.<domain>} (RFC 8461 3.1): records that do not begin with
 * {@code v=STSv1;} are not MTA-STS records; exactly one must remain, and be well formed, or the
 * domain has no policy to discover.
 */
public final class StsRecordParser {

  /** What the TXT answer says. */
  public sealed interface Result {}

  /** One well-formed record. */
  public record Found(StsRecord record) implements Result {
    public Found {
      Objects.requireNonNull(record, "record");
    }
  }

  /** No usable record, and why: none, several, or one that is malformed. */
  public record Absent(String why) implements Result {
    public Absent {
      Objects.requireNonNull(why, "why");
    }
  }

  // RFC 8461 3.1 ABNF: sts-version = %s"v=STSv1" (case-sensitive), fields separated by ";" with
  // optional whitespace, sts-id = 1*32(ALPHA / DIGIT), extension fields name=value.
  private static final Pattern VERSION_FIRST = Pattern.compile("^v=STSv1[ \t]*;.*", Pattern.DOTALL);
  private static final Pattern EXTENSION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
  private static final Pattern EXTENSION_VALUE = Pattern.compile("[\\x21-\\x3a\\x3c\\x3e-\\x7e]+");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,32}");

  private StsRecordParser() {}

  /**
   * @param txtRecords each TXT record's character-strings joined, as RFC 7208 3.3 joins SPF's
   */
  public static Result parse(List<String> txtRecords) {
    List<String> candidates =
        txtRecords.stream().filter(r -> VERSION_FIRST.matcher(r).matches()).toList();
    if (candidates.isEmpty()) {
      return new Absent("no v=STSv1 record");
    }
    if (candidates.size() > 1) {
      return new Absent(candidates.size() + " v=STSv1 records"); // RFC 8461 3.1: not one
    }
    return parseOne(candidates.get(0));
  }

  private static Result parseOne(String record) {
    String[] fields = record.split(";", -1);
    String id = null;
    for (int i = 1; i < fields.length; i++) {
      String field = fields[i].strip();
      if (field.isEmpty()) {
        if (i == fields.length - 1) {
          break; // the trailing ";" the ABNF allows
        }
        return new Absent("empty field");
      }
      int equals = field.indexOf('=');
      if (equals <= 0) {
        return new Absent("field without '=': " + field);
      }
      String name = field.substring(0, equals);
      String value = field.substring(equals + 1);
      if (name.equals("id")) {
        if (id != null) {
          return new Absent("id given twice");
        }
        if (!ID.matcher(value).matches()) {
          return new Absent("id is not 1-32 letters and digits");
        }
        id = value;
      } else if (!EXTENSION_NAME.matcher(name).matches()
          || !EXTENSION_VALUE.matcher(value).matches()) {
        return new Absent("malformed field: " + field);
      }
    }
    return id == null ? new Absent("id missing") : new Found(new StsRecord(id));
  }
}
