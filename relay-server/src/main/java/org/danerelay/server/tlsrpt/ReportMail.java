package org.danerelay.server.tlsrpt;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;

/**
 * The message that carries a report to a {@code mailto:} rua (RFC 8460 5.3): {@code
 * multipart/report; report-type="tlsrpt"} with a line for people and the gzip JSON as {@code
 * application/tlsrpt+gzip}, and {@code TLS-Required: No} (RFC 8689 5) so that a domain whose TLS is
 * broken still hears about it. CRLF line ends, base64 lines of 76.
 */
final class ReportMail {

  private ReportMail() {}

  /** The whole message, headers and body, for the queue. */
  static byte[] build(
      AggregateReport report, ReportFile file, String to, ZonedDateTime now, String boundarySeed) {
    String boundary = "tlsrpt-" + boundarySeed;
    StringBuilder m = new StringBuilder();
    header(m, "From", report.contact());
    header(m, "To", to);
    header(m, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(now));
    header(
        m,
        "Subject",
        "Report Domain: "
            + report.domain()
            + " Submitter: "
            + report.submitter()
            + " Report-ID: <"
            + report.reportId()
            + ">");
    header(
        m,
        "Message-ID",
        "<"
            + UUID.nameUUIDFromBytes(bytes(report.reportId() + to))
            + "@"
            + report.submitter()
            + ">");
    header(m, "TLS-Report-Domain", report.domain());
    header(m, "TLS-Report-Submitter", report.submitter());
    header(m, "TLS-Required", "No");
    header(m, "MIME-Version", "1.0");
    header(
        m,
        "Content-Type",
        "multipart/report; report-type=\"tlsrpt\"; boundary=\"" + boundary + "\"");
    m.append("\r\n");
    m.append("--").append(boundary).append("\r\n");
    header(m, "Content-Type", "text/plain; charset=us-ascii");
    m.append("\r\n");
    m.append("This is an aggregate TLS report (RFC 8460) from ")
        .append(report.organization())
        .append(" about mail to ")
        .append(report.domain())
        .append(" on ")
        .append(report.start().atZone(ZoneOffset.UTC).toLocalDate())
        .append(".\r\n\r\n");
    m.append("--").append(boundary).append("\r\n");
    header(m, "Content-Type", "application/tlsrpt+gzip");
    header(m, "Content-Transfer-Encoding", "base64");
    header(m, "Content-Disposition", "attachment; filename=\"" + file.name() + "\"");
    m.append("\r\n");
    m.append(Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(file.gzip()));
    m.append("\r\n--").append(boundary).append("--\r\n");
    return bytes(m.toString());
  }

  private static void header(StringBuilder m, String name, String value) {
    m.append(name).append(": ").append(value).append("\r\n");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
