package org.danerelay.server.durability;

import java.util.ArrayList;
import java.util.List;

/**
 * One unique test message: its token appears in its Message-ID and in an {@code X-Crash-Token}
 * header line, so that its spool file can be told from every other.
 *
 * @param token unique within a test
 * @param recipients one to three, in RCPT order
 * @param body CRLF lines without the final CRLF; no line starts with a dot
 */
record LoadMessage(String token, List<String> recipients, String body) {

  private static final String FILLER =
      "The quick brown fox jumps over the lazy dog; a 250 is a promise to keep.";

  LoadMessage {
    recipients = List.copyOf(recipients);
  }

  /** The header line that the body of {@code token}'s message carries, CRLF included. */
  static String tokenLine(String token) {
    return "X-Crash-Token: " + token + "\r\n";
  }

  /** Message number {@code sequence} of {@code client}; every 5th or 7th has more recipients. */
  static LoadMessage of(String label, int client, int sequence, String sender) {
    String token = String.format("%s-c%d-n%06d", label, client, sequence);
    int count = sequence % 7 == 3 ? 3 : sequence % 5 == 2 ? 2 : 1;
    List<String> recipients = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      recipients.add("rcpt-" + token + "@dest" + i + ".example"); // RFC 2606: never routable
    }
    StringBuilder body = new StringBuilder();
    body.append("From: <").append(sender).append(">\r\n");
    body.append("To: <").append(recipients.get(0)).append(">\r\n");
    body.append("Subject: crash durability ").append(token).append("\r\n");
    body.append("Message-ID: <").append(token).append("@client.test>\r\n");
    body.append(tokenLine(token));
    body.append("\r\n");
    body.append("Acknowledged means it survives kill -9: ").append(token);
    // 0 to 13 KB, so that the kill also lands in the middle of longer bodies.
    for (int line = 0; line < (sequence % 10) * 20; line++) {
      body.append("\r\n").append(line).append(' ').append(FILLER);
    }
    return new LoadMessage(token, recipients, body.toString());
  }
}
