import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes one client's messages: a token unique in the run, a seeded mix of recipients, and about 4
 * KiB of content with CRLF line ends, already dot-stuffed, in two halves (so a client can send one
 * and hold the other).
 *
 * <p>Every recipient's local part names its fate at the sink and carries the token, e.g. {@code
 * ok-c2m17@chaos.test}: the sink decides at RCPT time, before it has seen any content, and a queue
 * listing shows whose recipient is stuck.
 */
final class MessageMaker {

  static final String RCPT_DOMAIN = "chaos.test";
  static final String SENDER_DOMAIN = "sender.test";
  private static final int CONTENT_SIZE = 4096;

  /** One message; {@code head} and {@code tail} are the content without the final dot. */
  record Message(String token, String sender, List<String> recipients, byte[] head, byte[] tail) {}

  private final int client;
  private final Random random;
  private int sequence;

  MessageMaker(int client, long seed) {
    this.client = client;
    this.random = new Random(seed * 31 + client);
  }

  Message next() {
    sequence++;
    String token = "c" + client + "m" + sequence;
    List<String> recipients = new ArrayList<>();
    for (String fate : fates(random.nextInt(100))) {
      recipients.add(fate + "-" + token + "@" + RCPT_DOMAIN);
    }
    String sender = "client" + client + "@" + SENDER_DOMAIN;
    return content(token, sender, recipients);
  }

  // Mostly one deliverable recipient; about one message in five carries a recipient the sink
  // refuses (so the relay must bounce), one in six one it defers once (so the relay must retry).
  private static String[] fates(int roll) {
    if (roll < 65) return new String[] {"ok"};
    if (roll < 75) return new String[] {"ok", "reject"};
    if (roll < 81) return new String[] {"ok", "ok2", "reject"};
    if (roll < 84) return new String[] {"reject"};
    if (roll < 92) return new String[] {"tempfail"};
    return new String[] {"ok", "tempfail"};
  }

  private static Message content(String token, String sender, List<String> recipients) {
    StringBuilder head = new StringBuilder(CONTENT_SIZE);
    head.append("From: <").append(sender).append(">\r\n");
    head.append("To: <").append(String.join(">, <", recipients)).append(">\r\n");
    head.append("Subject: chaos ").append(token).append("\r\n");
    head.append("Date: ")
        .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()))
        .append("\r\n");
    head.append("Message-ID: <").append(token).append('@').append(SENDER_DOMAIN).append(">\r\n");
    head.append("X-Chaos-Token: ").append(token).append("\r\n");
    head.append("\r\n");
    List<String> body = new ArrayList<>();
    int size = head.length();
    for (int n = 1; size < CONTENT_SIZE; n++) {
      // Every eighth line starts with a dot, so the relay's dot-stuffing is exercised both ways.
      String line =
          (n % 8 == 0 ? "." : "")
              + String.format(
                  "line %03d of %s: the quick brown fox jumps over the lazy dog", n, token);
      body.add(line);
      size += line.length() + 2;
    }
    StringBuilder tail = new StringBuilder(CONTENT_SIZE);
    for (int i = 0; i < body.size(); i++) {
      String line = body.get(i);
      StringBuilder half = i < body.size() / 2 ? head : tail;
      half.append(line.startsWith(".") ? "." : "").append(line).append("\r\n"); // RFC 5321 4.5.2
    }
    return new Message(
        token,
        sender,
        List.copyOf(recipients),
        head.toString().getBytes(StandardCharsets.US_ASCII),
        tail.toString().getBytes(StandardCharsets.US_ASCII));
  }
}
