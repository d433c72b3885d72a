import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One scenario's load: K chaos clients sharing a budget of M messages, spread over the relay nodes
 * (client i starts at node i mod N, and moves to the next node when its own is gone).
 *
 * <p>Clients are numbered from {@code firstClient}, so that the tokens of each scenario ({@code
 * c101m7}: client 101, message 7) tell which scenario a message belongs to.
 */
final class Load {

  private static final long STEP_MS = 50;
  private static final long STOP_WAIT_MS = 40_000;

  private final AtomicLong budget;
  private final long messages;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();

  Load(
      List<InetSocketAddress> nodes,
      int clients,
      int firstClient,
      long messages,
      long seed,
      Journal outcomes,
      Triggers triggers,
      Backlog backlog) {
    this.messages = messages;
    this.budget = new AtomicLong(messages);
    for (int c = 0; c < clients; c++) {
      List<InetSocketAddress> order = new ArrayList<>();
      for (int n = 0; n < nodes.size(); n++) order.add(nodes.get((c + n) % nodes.size()));
      int number = firstClient + c;
      LoadClient client =
          new LoadClient(
              order, budget, new MessageMaker(number, seed), outcomes, triggers, backlog, stop);
      Thread t = new Thread(client, "client-" + number);
      t.setDaemon(true);
      threads.add(t);
    }
  }

  void start() {
    threads.forEach(Thread::start);
  }

  /** How many messages the clients have begun so far. */
  long begun() {
    return messages - budget.get();
  }

  /** Waits until {@code n} messages were begun; false if the deadline came first. */
  boolean awaitBegun(long n, long deadlineMillis) throws InterruptedException {
    while (begun() < n) {
      if (System.currentTimeMillis() >= deadlineMillis || !running()) return begun() >= n;
      Thread.sleep(STEP_MS);
    }
    return true;
  }

  /**
   * Waits until every client has spent the budget and ended its session; at the deadline the
   * clients are told to stop.
   *
   * @return true if the budget was spent in time
   */
  boolean awaitDone(long deadlineMillis) throws InterruptedException {
    for (Thread t : threads) {
      t.join(Math.max(1, deadlineMillis - System.currentTimeMillis()));
    }
    boolean done = !running();
    stop.set(true);
    for (Thread t : threads) t.join(STOP_WAIT_MS);
    return done;
  }

  /** Stops the clients at once (the run is ending early). */
  void stop() {
    stop.set(true);
  }

  private boolean running() {
    return threads.stream().anyMatch(Thread::isAlive);
  }
}
