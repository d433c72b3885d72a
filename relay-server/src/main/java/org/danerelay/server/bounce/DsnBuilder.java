package org.danerelay.server.bounce;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Builds the delivery status notification for one message: a {@code multipart/report} (RFC 6522)
 * with a human explanation, a {@code message/delivery-status} (RFC 3464) and the original headers
 * as {@code text/rfc822-headers}.
 *
 * <p>Pure: no queue, no network, no files. The clock dates the report; the random source makes the
 * Message-ID and the MIME boundary unguessable.
 */
public final class DsnBuilder {

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final RandomGenerator random;

  /**
   * @param clock dates the DSN; its zone is the zone of every date written
   * @param random for the Message-ID and boundary; a {@link java.security.SecureRandom} in
   *     production, so no sender can predict a boundary and embed it in its headers
   */
  public DsnBuilder(Clock clock, RandomGenerator random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * The DSN for {@code request}, or {@link NoDsn} when the sender must not get one (the null
   * reverse path, or our own MAILER-DAEMON).
   */
  public BounceDecision build(DsnRequest request) {
    String sender = request.envelope().sender();
    Optional<NoDsnReason> refusal = BounceGuard.refusal(sender, request.reportingMta());
    if (refusal.isPresent()) {
      return new NoDsn(refusal.get());
    }
    ZoneId zone = clock.getZone();
    Instant now = clock.instant();
    String host = request.reportingMta();

    String humanText = String.join("\r\n", HumanReport.lines(request, zone)) + "\r\n";
    List<String> parts = new ArrayList<>();
    parts.add(textPart(humanText));
    parts.add(
        "Content-Description: Delivery report\r\n"
            + "Content-Type: message/delivery-status\r\n\r\n"
            + DeliveryStatusFields.render(request, zone));
    parts.add(headersPart(request));

    String boundary = boundaryNotIn(parts);
    String messageId =
        "<"
            + ID_TIME.format(now)
            + "."
            + request.envelope().queueId()
            + "."
            + hex(8)
            + "@"
            + host
            + ">";
    StringBuilder out = new StringBuilder();
    // RFC 3464 3: the DSN is addressed in the header and the envelope to the original sender.
    out.append("From: Mail Delivery System <MAILER-DAEMON@").append(host).append(">\r\n");
    out.append("To: <").append(sender).append(">\r\n");
    out.append("Subject: ")
        .append(
            request.isFailure()
                ? "Undelivered Mail Returned to Sender"
                : "Delayed Mail (still being retried)")
        .append("\r\n");
    out.append("Date: ").append(MailDate.format(now, zone)).append("\r\n");
    out.append("Message-ID: ").append(messageId).append("\r\n");
    // RFC 3834 5: generated automatically in reply to a message; tells responders not to answer.
    out.append("Auto-Submitted: auto-replied\r\n");
    out.append("MIME-Version: 1.0\r\n");
    // RFC 6522 3: report-type names the machine-readable second part.
    out.append("Content-Type: multipart/report; report-type=delivery-status;\r\n");
    out.append("\tboundary=\"").append(boundary).append("\"\r\n");
    out.append("\r\n");
    out.append("This is a MIME-encapsulated message.\r\n");
    for (String part : parts) {
      out.append("\r\n--").append(boundary).append("\r\n").append(part);
    }
    out.append("\r\n--").append(boundary).append("--\r\n");

    boolean smtpUtf8 = !AddressText.isAscii(sender);
    return new DsnMessage(
        sender, messageId, out.toString().getBytes(StandardCharsets.UTF_8), smtpUtf8);
  }

  /** The explanation; UTF-8 and quoted-printable only when an address is non-ASCII. */
  private static String textPart(String text) {
    String head = "Content-Description: Notification\r\n";
    if (AddressText.isAscii(text)) {
      return head + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + text;
    }
    List<byte[]> lines = new ArrayList<>();
    for (String line : text.split("\r\n")) {
      lines.add(line.getBytes(StandardCharsets.UTF_8));
    }
    return head
        + "Content-Type: text/plain; charset=utf-8\r\n"
        + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        + QuotedPrintable.encode(lines);
  }

  /**
   * The original headers, byte for byte when they are plain 7-bit lines; otherwise (8-bit RFC 6532
   * headers, stray control characters, overlong lines) quoted-printable, which RFC 2045 allows for
   * any text type and which keeps the DSN 7-bit.
   */
  private static String headersPart(DsnRequest request) {
    String description =
        request.isFailure() ? "Undelivered Message Headers" : "Delayed Message Headers";
    List<byte[]> lines = request.originalHeaders().lines();
    StringBuilder part = new StringBuilder();
    part.append("Content-Description: ").append(description).append("\r\n");
    part.append("Content-Type: text/rfc822-headers\r\n");
    if (QuotedPrintable.isSevenBitSafe(lines)) {
      part.append("\r\n");
      for (byte[] line : lines) {
        part.append(new String(line, StandardCharsets.US_ASCII)).append("\r\n");
      }
    } else {
      part.append("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
      part.append(QuotedPrintable.encode(lines));
    }
    return part.toString();
  }

  // RFC 2046 5.1.1: the boundary must not occur in any enclosed part. The original headers are
  // chosen by the sender, so check rather than trust the randomness alone.
  private String boundaryNotIn(List<String> parts) {
    while (true) {
      String candidate = "=_DaneRelay_" + hex(16);
      if (parts.stream().noneMatch(p -> p.contains(candidate))) {
        return candidate;
      }
    }
  }

  private String hex(int bytes) {
    byte[] b = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      b[i] = (byte) random.nextInt(256);
    }
    return HexFormat.of().withUpperCase().formatHex(b);
  }
}
