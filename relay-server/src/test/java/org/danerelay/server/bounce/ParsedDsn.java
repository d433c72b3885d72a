package org.danerelay.server.bounce;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** A DSN taken apart by Jakarta Mail, so tests check what a mail client would see. */
final class ParsedDsn {

  final MimeMessage message;
  final MimeMultipart report;
  final InternetHeaders perMessage;
  final List<InternetHeaders> perRecipient = new ArrayList<>();
  final String humanText;
  final byte[] originalHeaders;

  ParsedDsn(byte[] content) throws Exception {
    message =
        new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(content));
    report = (MimeMultipart) message.getContent();
    humanText = new String(decoded(report.getBodyPart(0)), StandardCharsets.UTF_8);
    // RFC 3464 2.1: per-message fields, then per-recipient blocks, separated by blank lines.
    String status = new String(decoded(report.getBodyPart(1)), StandardCharsets.US_ASCII);
    String[] blocks = status.split("\r\n\r\n");
    perMessage = headers(blocks[0]);
    for (int i = 1; i < blocks.length; i++) {
      if (!blocks[i].isBlank()) {
        perRecipient.add(headers(blocks[i]));
      }
    }
    originalHeaders = decoded(report.getBodyPart(2));
  }

  static ParsedDsn of(BounceDecision decision) throws Exception {
    return new ParsedDsn(((DsnMessage) decision).content());
  }

  String part(int index, String header) throws Exception {
    BodyPart part = report.getBodyPart(index);
    String[] values = part.getHeader(header);
    return values == null ? null : values[0];
  }

  private static InternetHeaders headers(String block) throws Exception {
    return new InternetHeaders(
        new ByteArrayInputStream((block + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
  }

  private static byte[] decoded(BodyPart part) throws Exception {
    try (InputStream in = part.getInputStream()) {
      return in.readAllBytes();
    }
  }
}
