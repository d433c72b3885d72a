package org.danerelay.server.tlsrpt;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.danerelay.server.control.ControlReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control socket's {@code tlsrpt send YYYY-MM-DD}: one day's reports at once, for the
 * postmaster who cannot wait for the daily run (and for tests).
 */
public final class TlsRptRequest {

  private static final Logger log = LoggerFactory.getLogger("tlsrpt");

  private TlsRptRequest() {}

  /**
   * @param tlsRpt the running relay's TLSRPT; null when it is off or delivery is on hold
   */
  public static ControlReply answer(String request, String requester, TlsRpt tlsRpt) {
    List<String> words = List.of(request.strip().split("\\s+"));
    if (words.size() != 3 || !words.get(1).equals("send")) {
      return ControlReply.error("usage: tlsrpt send YYYY-MM-DD");
    }
    LocalDate day;
    try {
      day = LocalDate.parse(words.get(2));
    } catch (DateTimeParseException e) {
      return ControlReply.error("not a day (YYYY-MM-DD): " + words.get(2));
    }
    if (tlsRpt == null) {
      return ControlReply.error(
          "TLSRPT is not running: set tlsrpt.enabled = true (and delivery.hold = false)");
    }
    log.info("TLSRPT reports of {} sent at once, asked by {}", day, requester);
    List<String> lines = tlsRpt.send(day);
    return new ControlReply(
        true, lines.isEmpty() ? "no sessions on " + day : String.join("\n", lines));
  }
}
