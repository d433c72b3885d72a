import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the harness did and saw in one scenario, for its report: when the load ran, what the queue
 * held, the kill or the outage, and any trouble. Filled in as the scenario runs, read once it ends.
 */
final class PhaseFacts {

  /** The node killed, the moment and the recipients it held then (kill-node only). */
  record Kill(
      String node,
      String helo,
      long pid,
      long at,
      String how,
      List<ClaimSnapshot.Claim> claims,
      long listedAt) {}

  /** When PostgreSQL was told to stop and was down, and told to start and was up again. */
  record Outage(long stopAt, long stoppedAt, long startAt, long startedAt) {}

  final Scenario scenario;
  final Path folder;
  final long messages;
  final List<String> nodes = new ArrayList<>();
  long began;
  long loadEnd;
  int backlog = -1;
  long emptyAt = -1;
  long drainLimitSeconds;

  /** Each node still running at the end, and the messages its {@code queue list} showed. */
  final Map<String, Integer> finalCounts = new TreeMap<>();

  Kill kill;
  Outage outage;
  final List<String> problems = new ArrayList<>();

  PhaseFacts(Scenario scenario, Path folder, long messages) {
    this.scenario = scenario;
    this.folder = folder;
    this.messages = messages;
  }
}
