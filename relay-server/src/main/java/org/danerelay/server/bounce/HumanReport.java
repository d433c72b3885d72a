package org.danerelay.server.bounce;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the first, human-readable part of a DSN (RFC 6522 3: "a human-readable explanation"):
 * which recipients, what happened, and why, in plain words.
 */
final class HumanReport {

  private static final int WIDTH = 76;

  private HumanReport() {}

  /** The lines of the explanation, without line ends. */
  static List<String> lines(DsnRequest request, ZoneId zone) {
    List<String> out = new ArrayList<>();
    out.add("This is the mail system at host " + request.reportingMta() + ".");
    out.add("");
    if (request.isFailure()) {
      wrap(
          out,
          "",
          "Your message could not be delivered to one or more of its recipients. The mail"
              + " system has stopped trying to deliver it to them. The reasons are below.");
    } else {
      wrap(
          out,
          "",
          "Your message has not been delivered yet to one or more of its recipients. The mail"
              + " system is still trying; you do not need to send it again. You will be told"
              + " if it finally gives up.");
    }
    out.add("");
    wrap(out, "", "The headers of your message are attached; its body is not.");
    if (request.originalHeaders().truncated()) {
      wrap(out, "", "(The headers were too long to return in full and have been shortened.)");
    }
    for (RecipientReport recipient : request.recipients()) {
      out.add("");
      describe(out, recipient, zone);
    }
    return out;
  }

  private static void describe(List<String> out, RecipientReport r, ZoneId zone) {
    String domain = r.address().substring(r.address().lastIndexOf('@') + 1);
    boolean failed = r.action() == DsnAction.FAILED;
    out.add("<" + r.address() + ">: " + (failed ? "delivery failed" : "delivery delayed"));
    StringBuilder why = new StringBuilder();
    StatusCode status = r.status();
    if (status.isCryptographicFailure()) {
      // DANE-RULES 6, RFC 7672 2.2: never deliver in plaintext when DANE cannot be satisfied.
      why.append("The mail servers for ")
          .append(domain)
          .append(" could not be authenticated with DANE (the DNSSEC and TLS checks that the")
          .append(" domain asks for did not succeed). To protect your message, it was never")
          .append(" sent to them unauthenticated, and never sent in plaintext.");
    } else if (status.isNullMx() && !status.isTransient()) {
      why.append("The domain ")
          .append(domain)
          .append(" has announced that it accepts no mail at all (it publishes a null MX")
          .append(" record, RFC 7505).");
    } else if (status.isTransient()) {
      why.append("Delivery failed with a temporary error.");
    } else {
      why.append("Delivery failed with a permanent error; retrying will not help.");
    }
    if (failed && status.isTransient()) {
      why.append(" The mail system kept retrying until the message's time in the queue ran out.");
    }
    r.willRetryUntil()
        .ifPresent(
            until ->
                why.append(" The mail system will keep trying until ")
                    .append(MailDate.format(until, zone))
                    .append('.'));
    wrap(out, "    ", why.toString());
    wrap(out, "    ", "Status: " + status);
    r.remoteMta().ifPresent(mta -> wrap(out, "    ", "Mail server: " + SafeText.token(mta, 255)));
    r.diagnostic()
        .ifPresent(
            d ->
                wrap(
                    out,
                    "    ",
                    (d.type().equals("smtp") ? "The server said: " : "Reason: ")
                        + SafeText.oneLine(d.text(), SafeText.MAX_DIAGNOSTIC)));
  }

  /** Word-wraps {@code text} at 76 columns; a word longer than a line is split. */
  private static void wrap(List<String> out, String indent, String text) {
    StringBuilder line = new StringBuilder(indent);
    for (String word : text.split(" ")) {
      while (indent.length() + word.length() > WIDTH) {
        flush(out, line, indent);
        int room = WIDTH - indent.length();
        out.add(indent + word.substring(0, room));
        word = word.substring(room);
      }
      if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
        flush(out, line, indent);
      }
      if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    flush(out, line, indent);
  }

  private static void flush(List<String> out, StringBuilder line, String indent) {
    if (line.length() > indent.length()) {
      out.add(line.toString());
    }
    line.setLength(0);
    line.append(indent);
  }
}
