import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The cluster run: one sink, N relay nodes on one shared PostgreSQL queue, and the chosen scenarios
 * one after the other (exactly once, PostgreSQL restarted, a node killed), each with its own load
 * and drain; then one report per scenario. {@code scripts/cluster/run} starts PostgreSQL, this, and
 * cleans up; the options here are that script's, already checked.
 */
public final class ClusterRun {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final List<String> OPTIONS =
      List.of(
          "jar",
          "conf",
          "work",
          "queue-url",
          "postgres-script",
          "postgres-dir",
          "nodes",
          "messages",
          "clients",
          "seed",
          "lease",
          "drain-seconds",
          "outage-seconds",
          "scenarios");

  private final Map<String, String> o;
  private final Path work;
  private final long seed;
  private final List<ClusterNode> nodes = new ArrayList<>();

  private ClusterRun(Map<String, String> options) {
    this.o = options;
    this.work = Path.of(o.get("work")).toAbsolutePath();
    this.seed = Long.parseLong(o.get("seed"));
  }

  static void note(String text) {
    System.err.printf("[cluster %s] %s%n", LocalTime.now().format(CLOCK), text);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    for (String key : OPTIONS) {
      if (!o.containsKey(key)) {
        System.err.println(
            "ClusterRun: --" + key + " is missing (start it with scripts/cluster/run)");
        System.exit(2);
      }
    }
    System.exit(new ClusterRun(o).run());
  }

  private int number(String key) {
    return Integer.parseInt(o.get(key));
  }

  private int run() throws Exception {
    Triggers triggers = new Triggers();
    Backlog backlog = new Backlog();
    Journal sinkRecords = new Journal(work.resolve("sink.log"));
    ChaosSink sink = new ChaosSink(sinkRecords, triggers, backlog);
    int sinkPort = sink.start();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> nodes.forEach(ClusterNode::kill9))); // Ctrl-C
    for (int i = 1; i <= number("nodes"); i++) {
      nodes.add(
          new ClusterNode(
              i,
              Path.of(o.get("jar")),
              Path.of(o.get("conf")),
              work,
              sinkPort,
              o.get("queue-url"),
              number("lease")));
    }
    List<PhaseFacts> phases = new ArrayList<>();
    List<String> trouble = new ArrayList<>();
    if (startNodes(trouble)) {
      Phase phase =
          new Phase(
              nodes,
              triggers,
              backlog,
              seed,
              number("clients"),
              number("messages"),
              number("drain-seconds"));
      for (String label : o.get("scenarios").split(",")) {
        Scenario scenario = Scenario.of(label);
        phases.add(phase.run(scenario, scenario.ordinal(), work, disruption(scenario, triggers)));
      }
    }
    for (ClusterNode n : nodes) n.stop();
    sink.close();
    sinkRecords.close();
    SinkSplit.split(work.resolve("sink.log"), phases);
    return report(phases, trouble);
  }

  /** The first node alone (it migrates the shared schema), then the others together. */
  private boolean startNodes(List<String> trouble) throws Exception {
    note("starting " + nodes.size() + " relay nodes on " + o.get("queue-url"));
    nodes.get(0).start();
    if (nodes.get(0).awaitListening()) {
      for (ClusterNode n : nodes.subList(1, nodes.size())) n.start();
    }
    for (ClusterNode n : nodes) {
      if (!n.awaitListening()) {
        trouble.add(n.name + " did not start (see " + n.name + "/relay-1.log)");
      }
    }
    nodes.forEach(n -> note(n.name + " listens on " + n.listen()));
    return trouble.isEmpty();
  }

  private Disruption disruption(Scenario scenario, Triggers triggers) {
    return switch (scenario) {
      case EXACTLY_ONCE -> Disruption.NONE;
      case RESTART_POSTGRES ->
          new PostgresOutage(
              Path.of(o.get("postgres-script")),
              Path.of(o.get("postgres-dir")),
              number("outage-seconds"));
      case KILL_NODE ->
          new NodeKill(nodes.get(nodes.size() - 1), o.get("queue-url"), triggers, seed);
    };
  }

  private int report(List<PhaseFacts> phases, List<String> trouble) throws Exception {
    String run =
        "nodes="
            + nodes.size()
            + " messages="
            + o.get("messages")
            + " lease="
            + o.get("lease")
            + "s seed="
            + seed;
    System.out.println("== cluster report: " + run);
    List<String> verdicts = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (PhaseFacts facts : phases) {
      ClusterReport report = new ClusterReport(facts);
      List<String> failures = report.print(System.out);
      verdicts.add(facts.scenario.label() + (failures.isEmpty() ? " PASS" : " FAIL"));
      failures.forEach(f -> trouble.add(facts.scenario.label() + ": " + f));
      StringJoiner line =
          new StringJoiner(" ", "cluster: scenario=" + facts.scenario.label() + " ", "");
      report.figures.forEach((k, v) -> line.add(k + "=" + v));
      line.add("result=" + (failures.isEmpty() ? "pass" : "fail"));
      lines.add(line.toString());
    }
    System.out.println(
        "== " + (verdicts.isEmpty() ? "no scenario ran" : String.join(", ", verdicts)));
    boolean pass = trouble.isEmpty() && !phases.isEmpty();
    System.out.println(pass ? "result: PASS" : "result: FAIL: " + String.join("; ", trouble));
    lines.forEach(System.out::println);
    System.out.println("cluster: " + run + " result=" + (pass ? "pass" : "fail"));
    return pass ? 0 : 1;
  }
}
