import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one scenario: the load across the nodes still running, the scenario's disruption meanwhile,
 * then the drain, watched with {@code danerelay queue list} on a live node, and a last listing on
 * every live node. Its journals go to a folder of its own ({@code <work>/<scenario>/}).
 */
final class Phase {

  /** The load's time limit: a minute plus 100 ms a message, far above what a sound run needs. */
  private static final long LOAD_BASE_MS = 60_000;

  private static final long LOAD_MS_PER_MESSAGE = 100;

  private final List<ClusterNode> nodes;
  private final Triggers triggers;
  private final Backlog backlog;
  private final long seed;
  private final int clients;
  private final long messages;
  private final long drainSeconds;

  Phase(
      List<ClusterNode> nodes,
      Triggers triggers,
      Backlog backlog,
      long seed,
      int clients,
      long messages,
      long drainSeconds) {
    this.nodes = List.copyOf(nodes);
    this.triggers = triggers;
    this.backlog = backlog;
    this.seed = seed;
    this.clients = clients;
    this.messages = messages;
    this.drainSeconds = drainSeconds;
  }

  /** The scenario's number {@code index} (0, 1, 2) numbers its clients from {@code 100 index}. */
  PhaseFacts run(Scenario scenario, int index, Path work, Disruption disruption) throws Exception {
    Path folder = work.resolve(scenario.label());
    Files.createDirectories(folder);
    PhaseFacts facts = new PhaseFacts(scenario, folder, messages);
    facts.drainLimitSeconds = drainSeconds;
    List<ClusterNode> live = live();
    live.forEach(n -> facts.nodes.add(n.name));
    ClusterRun.note(scenario.label() + ": " + messages + " messages across " + facts.nodes);
    try (Journal events = new Journal(folder.resolve("events.log"));
        Journal outcomes = new Journal(folder.resolve("clients.log"))) {
      List<InetSocketAddress> addresses = live.stream().map(ClusterNode::listen).toList();
      Load load =
          new Load(addresses, clients, 100 * index, messages, seed, outcomes, triggers, backlog);
      facts.began = System.currentTimeMillis();
      events.add("LOAD", facts.began);
      load.start();
      try {
        disruption.during(load, facts, events);
      } finally {
        long limit = facts.began + LOAD_BASE_MS + LOAD_MS_PER_MESSAGE * messages;
        if (!load.awaitDone(limit)) {
          facts.problems.add(
              "the clients did not begin all "
                  + messages
                  + " messages within "
                  + (limit - facts.began) / 1000
                  + " s (begun: "
                  + load.begun()
                  + ")");
        }
        facts.loadEnd = System.currentTimeMillis();
        events.add("LOADED", load.begun(), facts.loadEnd);
      }
      drain(facts, events);
    }
    for (ClusterNode n : nodes) {
      if (!n.trouble().isEmpty()) facts.problems.add(n.trouble());
    }
    return facts;
  }

  private List<ClusterNode> live() {
    return nodes.stream().filter(n -> !n.killed() && n.isAlive()).toList();
  }

  private void drain(PhaseFacts facts, Journal events) throws IOException, InterruptedException {
    List<ClusterNode> live = live();
    if (live.isEmpty()) {
      facts.problems.add("no node left running to drain the queue");
      return;
    }
    ClusterNode asked = live.get(0);
    QueueWatch watch = new QueueWatch(asked.queueListCommand(), facts.folder);
    facts.backlog = watch.messages();
    events.add("BACKLOG", facts.backlog, System.currentTimeMillis());
    ClusterRun.note(
        facts.scenario.label()
            + ": load done; "
            + facts.backlog
            + " messages queued; waiting up to "
            + drainSeconds
            + " s for the queue to empty");
    facts.emptyAt = watch.awaitEmpty(facts.loadEnd + drainSeconds * 1000, asked::isAlive);
    events.add("DRAIN", facts.emptyAt > 0 ? "empty" : "timeout", System.currentTimeMillis());
    if (facts.emptyAt < 0) {
      ClusterRun.note(facts.scenario.label() + ": the queue still holds " + watch.lastCount());
    }
    // Every node sees the same shared queue: each one's own listing must show it empty. The
    // listing asked first is written last, so queue-list.txt is the one the drain watched.
    for (int i = live.size() - 1; i >= 0; i--) {
      ClusterNode n = live.get(i);
      int count = new QueueWatch(n.queueListCommand(), facts.folder).messages();
      facts.finalCounts.put(n.name, count);
      events.add("LISTED", n.name, count, System.currentTimeMillis());
    }
  }
}
