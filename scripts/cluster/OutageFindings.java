import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The restart-postgres scenario's own checks: while PostgreSQL was down the relays answered {@code
 * 451 4.3.0} at the end of DATA (counted, with every other refusal by step and code), and once it
 * was back they took mail again by themselves (the first {@code 250}, and refusals after).
 */
final class OutageFindings {

  private static final String DATA_451 = "DOT:451:4.3.0";

  private final PhaseFacts.Outage o;
  private final long began;
  private final RunRecords records;

  OutageFindings(PhaseFacts facts, RunRecords records) {
    this.o = facts.outage;
    this.began = facts.began;
    this.records = records;
  }

  void print(PrintStream out, List<String> failures, Map<String, Object> figures) {
    Map<String, Integer> down = new TreeMap<>();
    Map<String, Integer> back = new TreeMap<>();
    long acceptedDown = 0;
    long firstAcceptedBack = -1;
    long lastRefusedBack = -1;
    for (RunRecords.Message m : records.messages.values()) {
      boolean whileDown = m.at() >= o.stopAt() && m.at() <= o.startedAt();
      boolean after = m.at() > o.startedAt();
      if (m.outcome().equals("REFUSED")) {
        if (whileDown) down.merge(m.detail(), 1, Integer::sum);
        if (after) {
          back.merge(m.detail(), 1, Integer::sum);
          lastRefusedBack = Math.max(lastRefusedBack, m.at());
        }
      } else if (m.outcome().equals("ACKED")) {
        if (m.at() > o.stoppedAt() && m.at() < o.startAt()) acceptedDown++;
        if (after && (firstAcceptedBack < 0 || m.at() < firstAcceptedBack)) {
          firstAcceptedBack = m.at();
        }
      }
    }
    int refused451 = down.getOrDefault(DATA_451, 0);
    down.remove(DATA_451);
    out.printf(
        "postgres: told to stop %.1f s into the load, down %.1f s later; started again after"
            + " %.1f s down, up %.1f s later%n",
        seconds(began, o.stopAt()),
        seconds(o.stopAt(), o.stoppedAt()),
        seconds(o.stoppedAt(), o.startAt()),
        seconds(o.startAt(), o.startedAt()));
    out.printf(
        "while it was down: 451 4.3.0 at the end of DATA: %d; other refusals: %s; 250s: %d%n",
        refused451, down.isEmpty() ? "none" : down, acceptedDown);
    out.printf(
        "once it was back: the first 250 %s; refusals: %s%n",
        firstAcceptedBack < 0
            ? "never came"
            : String.format("%.1f s later", seconds(o.startedAt(), firstAcceptedBack)),
        back.isEmpty()
            ? "none"
            : back
                + String.format(
                    ", the last %.1f s later", seconds(o.startedAt(), lastRefusedBack)));
    if (refused451 == 0) failures.add("no 451 4.3.0 while PostgreSQL was down");
    if (firstAcceptedBack < 0) failures.add("no 250 after PostgreSQL was back");
    figures.put("pg_451", refused451);
    figures.put(
        "resume_s",
        firstAcceptedBack < 0
            ? "none"
            : String.format("%.1f", seconds(o.startedAt(), firstAcceptedBack)));
  }

  private static double seconds(long from, long to) {
    return (to - from) / 1000.0;
  }
}
