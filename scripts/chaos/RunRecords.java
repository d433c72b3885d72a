import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run's journals read back: what each client's message became ({@code clients.log}), what the
 * sink took ({@code sink.log}), what the harness did ({@code events.log}), what the relay still
 * held at the end ({@code queue-list.txt}) and what the bounces it still held report.
 *
 * <p>A "pair" is one recipient of one message, written {@code token rcpt}: the unit that must be
 * delivered or bounced exactly once.
 */
final class RunRecords {

  record Message(String outcome, String token, List<String> recipients, long at, String detail) {}

  record Kill(int cycle, String kind, String how, String detail, long at) {}

  // "    DEFERRED  <ok-c1m2@chaos.test>" in QueueReport.list, "  in flight on NODE" after it when
  // claimed
  private static final Pattern QUEUED_RCPT =
      Pattern.compile("^\\s+(\\S+)\\s+<([^>]*)>(?:\\s+in flight(?: on \\S+)?)?\\s*$");
  // "01M8ZS1SG8BR4BN9  2026-12-04T05:39:50.408337Z      4263  <client2@sender.test>"
  private static final Pattern QUEUED_MESSAGE =
      Pattern.compile("^(\\S+)\\s+\\S+\\s+\\d+\\s+<([^>]*)>");

  final Map<String, Message> messages = new LinkedHashMap<>();

  /** Pair to the times the sink took it, for chaos.test deliveries and for DSN reports. */
  final Map<String, List<Long>> deliveries = new LinkedHashMap<>();

  final Map<String, List<Long>> bounces = new LinkedHashMap<>();

  /** Pair to the times the sink answered 550 to the relay for it. */
  final Map<String, List<Long>> rejects = new HashMap<>();

  final List<Kill> kills = new ArrayList<>();
  final Map<Integer, Long> starts = new HashMap<>();
  final Map<Integer, Long> readies = new HashMap<>();

  /** The events journal's DRAIN line: empty, timeout or why it stopped; and when. */
  String drain = "not-reached";

  long drainAt = -1;

  /** Messages in the queue when the load stopped, or -1. */
  int backlog = -1;

  /** Whether there is a queue listing from the end of the run (no relay, no listing). */
  boolean listed;

  /** Recipient address to its state, for everything the last queue listing still showed. */
  final Map<String, String> queued = new HashMap<>();

  /** Queue ids of the messages in the last listing. */
  final Set<String> queuedIds = new HashSet<>();

  /** Pairs that a DSN still in the queue reports as failed: owed, not lost. */
  final Set<String> bouncesQueued = new HashSet<>();

  static String pair(String token, String rcpt) {
    return token + " " + rcpt.toLowerCase(Locale.ROOT);
  }

  static RunRecords read(Path work) throws IOException {
    RunRecords r = new RunRecords();
    for (String[] f : lines(work.resolve("clients.log"))) {
      List<String> rcpts = List.of(f[2].toLowerCase(Locale.ROOT).split(","));
      r.messages.put(f[1], new Message(f[0], f[1], rcpts, Long.parseLong(f[3]), f[4]));
    }
    for (String[] f : lines(work.resolve("sink.log"))) {
      // DELIVER|REJECT token rcpt millis, DSN token rcpt millis action
      Map<String, List<Long>> into =
          switch (f[0]) {
            case "DELIVER" -> r.deliveries;
            case "REJECT" -> r.rejects;
            default -> f[4].equals("failed") ? r.bounces : new HashMap<>();
          };
      into.computeIfAbsent(pair(f[1], f[2]), k -> new ArrayList<>()).add(Long.parseLong(f[3]));
    }
    for (String[] f : lines(work.resolve("events.log"))) {
      switch (f[0]) {
        case "START" -> r.starts.put(Integer.parseInt(f[1]), Long.parseLong(f[2]));
        case "READY" -> r.readies.put(Integer.parseInt(f[1]), Long.parseLong(f[2]));
        case "BACKLOG" -> r.backlog = Integer.parseInt(f[1]);
        case "KILL" ->
            r.kills.add(new Kill(Integer.parseInt(f[1]), f[2], f[3], f[4], Long.parseLong(f[5])));
        case "DRAIN" -> {
          r.drain = f[1];
          r.drainAt = Long.parseLong(f[2]);
        }
        default -> {}
      }
    }
    Path listing = work.resolve("queue-list.txt");
    List<String> listed = Files.exists(listing) ? Files.readAllLines(listing) : List.of();
    // Only a real listing: a queue list that failed (no relay, a broken queue) prints no count.
    r.listed = listed.stream().anyMatch(line -> line.startsWith("-- "));
    Set<String> queuedDsns = new HashSet<>();
    for (String line : r.listed ? listed : List.<String>of()) {
      Matcher rcpt = QUEUED_RCPT.matcher(line);
      Matcher message = QUEUED_MESSAGE.matcher(line);
      if (rcpt.matches()) r.queued.put(rcpt.group(2).toLowerCase(Locale.ROOT), rcpt.group(1));
      if (message.find()) {
        r.queuedIds.add(message.group(1));
        if (message.group(2).isEmpty()) queuedDsns.add(message.group(1));
      }
    }
    r.readQueuedDsns(work.resolve("data"), queuedDsns);
    return r;
  }

  /**
   * Diagnostics only: what the DSNs still queued report, read from their spool files (found by
   * queue id anywhere under the data folder), so that a recipient whose bounce is made but not yet
   * sent counts as still queued, not as gone.
   */
  private void readQueuedDsns(Path data, Set<String> ids) throws IOException {
    if (ids.isEmpty() || !Files.isDirectory(data)) return;
    try (Stream<Path> files = Files.walk(data, 4)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        if (dot < 0 || !ids.contains(name.substring(0, dot))) continue;
        DsnReader.Report dsn =
            DsnReader.read(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
        dsn.actions()
            .forEach(
                (rcpt, action) -> {
                  if (action.equals("failed")) bouncesQueued.add(pair(dsn.token(), rcpt));
                });
      }
    }
  }

  private static List<String[]> lines(Path file) throws IOException {
    List<String[]> out = new ArrayList<>();
    if (!Files.exists(file)) return out;
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      if (!line.isBlank()) out.add(line.split(" "));
    }
    return out;
  }
}
