package org.danerelay.server.bounce;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats an instant as an RFC 5322 3.3 date-time, as the DSN date fields require. */
final class MailDate {

  // RFC 5322 3.3: numeric zone; "GMT"-style names are obsolete syntax.
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

  private MailDate() {}

  static String format(Instant instant, ZoneId zone) {
    return FORMAT.format(instant.atZone(zone));
  }
}
