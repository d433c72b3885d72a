import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the relay how many messages it still holds with its own {@code queue list} command, which
 * reaches the running relay through {@code data/control.sock}, and waits for none.
 *
 * <p>The last listing stays in {@code queue-list.txt}: the report reads from it which recipients
 * are still queued, and in what state.
 */
final class QueueWatch {

  // QueueReport.list's last line: "-- 3 messages, 4 recipients pending".
  private static final Pattern COUNT =
      Pattern.compile("^-- (\\d+) messages?, (\\d+) recipients? pending", Pattern.MULTILINE);
  private static final long COMMAND_SECONDS = 60;
  private static final long POLL_MS = 1_000;

  private final List<String> command;
  private final Path listing;
  private String lastCount = "unknown";

  QueueWatch(List<String> command, Path work) {
    this.command = List.copyOf(command);
    this.listing = work.resolve("queue-list.txt");
  }

  /** The number of queued messages, or -1 when the command failed or printed no count. */
  int messages() throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(listing.toFile())
            .start();
    if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      lastCount = "queue list did not answer within " + COMMAND_SECONDS + " s";
      return -1;
    }
    Matcher m = COUNT.matcher(Files.readString(listing, StandardCharsets.UTF_8));
    if (!m.find()) {
      lastCount = "queue list printed no count (see queue-list.txt)";
      return -1;
    }
    lastCount = m.group(1) + " messages, " + m.group(2) + " recipients pending";
    return Integer.parseInt(m.group(1));
  }

  /** The last count seen, as the relay printed it. */
  String lastCount() {
    return lastCount;
  }

  /**
   * Polls until the queue is empty, the deadline passes or {@code keepGoing} turns false.
   *
   * @return the wall-clock millis when the queue was first seen empty, or -1
   */
  long awaitEmpty(long deadlineMillis, BooleanSupplier keepGoing)
      throws IOException, InterruptedException {
    long lastNote = System.currentTimeMillis();
    while (System.currentTimeMillis() < deadlineMillis && keepGoing.getAsBoolean()) {
      if (messages() == 0) return System.currentTimeMillis();
      if (System.currentTimeMillis() - lastNote >= 15_000) {
        ChaosRun.note("drain: " + lastCount);
        lastNote = System.currentTimeMillis();
      }
      Thread.sleep(POLL_MS);
    }
    return -1;
  }
}
