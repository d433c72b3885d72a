import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The restart-postgres scenario's disruption: once a third of the messages are begun, stop the
 * shared PostgreSQL ({@code private-postgres stop}, a fast shutdown that cuts every session, as a
 * failover does), keep it down for some seconds while the clients go on sending, and start it again
 * on the same port. The relays are left alone: they must resume by themselves.
 */
final class PostgresOutage implements Disruption {

  private static final long SCRIPT_SECONDS = 90;

  private final Path script;
  private final Path server;
  private final long downMillis;

  /**
   * @param script {@code scripts/cluster/private-postgres}
   * @param server the folder the run's server lives in
   */
  PostgresOutage(Path script, Path server, long downSeconds) {
    this.script = script;
    this.server = server;
    this.downMillis = downSeconds * 1000;
  }

  @Override
  public void during(Load load, PhaseFacts facts, Journal events) throws Exception {
    long third = facts.messages / 3;
    if (!load.awaitBegun(third, facts.began + 120_000)) {
      facts.problems.add("the load stalled before " + third + " messages: no restart");
      return;
    }
    long stopAt = System.currentTimeMillis();
    events.add("PG-STOP", stopAt);
    boolean stopped = control("stop", facts.folder);
    long stoppedAt = System.currentTimeMillis();
    events.add("PG-DOWN", stoppedAt);
    ClusterRun.note(
        "restart-postgres: PostgreSQL "
            + (stopped ? "stopped" : "did NOT stop")
            + "; starting it again in "
            + downMillis / 1000
            + " s");
    Thread.sleep(downMillis);
    long startAt = System.currentTimeMillis();
    events.add("PG-START", startAt);
    boolean started = control("start", facts.folder);
    long startedAt = System.currentTimeMillis();
    events.add("PG-UP", startedAt);
    ClusterRun.note("restart-postgres: PostgreSQL " + (started ? "is back" : "did NOT start"));
    if (!stopped) facts.problems.add("PostgreSQL did not stop (see postgres.log)");
    if (!started) facts.problems.add("PostgreSQL did not start again (see postgres.log)");
    facts.outage = new PhaseFacts.Outage(stopAt, stoppedAt, startAt, startedAt);
  }

  /** Runs {@code private-postgres VERB DIR}; its output is appended to {@code postgres.log}. */
  private boolean control(String verb, Path folder) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(List.of("bash", script.toString(), verb, server.toString()))
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(folder.resolve("postgres.log").toFile()))
            .start();
    if (!p.waitFor(SCRIPT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return false;
    }
    return p.exitValue() == 0;
  }
}
