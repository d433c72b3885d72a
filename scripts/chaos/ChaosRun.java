import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The chaos run: the sink, the relay, the load and the killer together for N kill cycles; then the
 * drain and the report. {@code scripts/chaos/run} prepares the folder, starts this and cleans up;
 * the options here are that script's, already checked.
 */
public final class ChaosRun {

  private static final long START_LIMIT_MS = 90_000;
  private static final long CLIENT_STOP_MS = 40_000;
  private static final int SIGKILL_EXIT = 128 + 9;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Path work;
  private final int kills;
  private final long seed;
  private final int clients;
  private final long drainSeconds;
  private final Map<String, String> problems = new LinkedHashMap<>();
  private Journal events;
  private long lastStart;

  private ChaosRun(Map<String, String> o) {
    work = Path.of(o.get("work")).toAbsolutePath();
    kills = Integer.parseInt(o.get("kills"));
    seed = Long.parseLong(o.get("seed"));
    clients = Integer.parseInt(o.get("clients"));
    drainSeconds = Long.parseLong(o.get("drain-seconds"));
  }

  static void note(String text) {
    System.err.printf("[chaos %s] %s%n", LocalTime.now().format(CLOCK), text);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    for (String key : List.of("jar", "conf", "work", "kills", "seed", "clients", "drain-seconds")) {
      if (!o.containsKey(key)) {
        System.err.println("ChaosRun: --" + key + " is missing (start it with scripts/chaos/run)");
        System.exit(2);
      }
    }
    System.exit(new ChaosRun(o).run(Path.of(o.get("jar")), Path.of(o.get("conf"))));
  }

  private int run(Path jar, Path conf) throws Exception {
    Triggers triggers = new Triggers();
    Backlog backlog = new Backlog();
    events = new Journal(work.resolve("events.log"));
    Journal outcomes = new Journal(work.resolve("clients.log"));
    Journal records = new Journal(work.resolve("sink.log"));
    ChaosSink sink = new ChaosSink(records, triggers, backlog);
    RelayInstance instance = new RelayInstance(jar, conf, work, sink.start());
    RelayProcess relay =
        new RelayProcess(
            instance.runCommand(),
            work,
            instance.listen,
            line -> {
              // BounceSender's line: "<id>: bounce queued as <id> for <sender>"
              if (line.contains(": bounce queued as ")) triggers.bounceLogged();
            });
    Runtime.getRuntime().addShutdownHook(new Thread(relay::kill9)); // Ctrl-C: no relay left
    note(
        String.format(
            "seed %d, %d kills, %d clients, relay on %s, folder %s",
            seed,
            kills,
            clients,
            instance.listen.getAddress().getHostAddress() + ":" + instance.listen.getPort(),
            work));

    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> load = new ArrayList<>();
    boolean up = start(relay, 1);
    for (int c = 0; up && c < clients; c++) {
      LoadClient client =
          new LoadClient(
              instance.listen, new MessageMaker(c, seed), outcomes, triggers, backlog, stop);
      Thread t = new Thread(client, "client-" + c);
      t.setDaemon(true);
      t.start();
      load.add(t);
    }
    Killer killer = new Killer(seed, kills, triggers, relay, events);
    for (int cycle = 1; up && cycle <= kills; cycle++) {
      String how = killer.killCycle(cycle);
      note("kill " + cycle + "/" + kills + ": " + killer.kindOf(cycle).label() + " (" + how + ")");
      int code = relay.exitCode();
      if (code >= 0 && code != SIGKILL_EXIT) died(relay, cycle); // it was gone before the kill
      if (cycle == kills) stop.set(true); // the load ends with the last kill; then only the drain
      up = start(relay, cycle + 1);
    }
    stop.set(true);
    for (Thread t : load) t.join(CLIENT_STOP_MS);

    if (up) drain(relay, instance);
    relay.stop();
    sink.close();
    events.close();
    outcomes.close();
    records.close();
    String run = "kills=" + kills + " seed=" + seed + " clients=" + clients;
    List<String> trouble = new ArrayList<>();
    problems.forEach((what, logs) -> trouble.add(what + " (see " + logs + ")"));
    return new ChaosReport(RunRecords.read(work)).print(run, drainSeconds, trouble, System.out);
  }

  private boolean start(RelayProcess relay, int cycle) throws Exception {
    lastStart = System.currentTimeMillis();
    events.add("START", cycle, lastStart);
    relay.start(cycle);
    if (relay.awaitListening(START_LIMIT_MS)) {
      events.add("READY", cycle, System.currentTimeMillis());
      return true;
    }
    died(relay, cycle);
    return false;
  }

  /** Records a relay that stopped or hung without being killed: a failure of the run. */
  private void died(RelayProcess relay, int cycle) {
    int code = relay.exitCode();
    events.add("DIED", cycle, code);
    String what =
        code < 0
            ? "the relay did not listen within " + START_LIMIT_MS / 1000 + " s"
            : "the relay exited by itself with code " + code;
    note(what + " (see relay-" + cycle + ".log)");
    // One line per kind of trouble, however often it came: a relay that crashes once tends to
    // crash at every start after.
    problems.merge(what, "relay-" + cycle + ".log", (first, next) -> first + ", " + next);
  }

  private void drain(RelayProcess relay, RelayInstance instance) throws Exception {
    note("load stopped; waiting up to " + drainSeconds + " s for the queue to empty");
    QueueWatch queue = new QueueWatch(instance.queueListCommand(), work);
    events.add("BACKLOG", queue.messages(), System.currentTimeMillis());
    long empty = queue.awaitEmpty(lastStart + drainSeconds * 1000, relay::isAlive);
    if (empty > 0) {
      events.add("DRAIN", "empty", empty);
    } else if (!relay.isAlive()) {
      died(relay, kills + 1);
      events.add("DRAIN", "relay-died", System.currentTimeMillis());
    } else {
      note("the queue still holds " + queue.lastCount());
      events.add("DRAIN", "timeout", System.currentTimeMillis());
    }
  }
}
