import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Chooses, from the run's seed, the kind and moment of each cycle's kill, and kills the relay then.
 *
 * <p>Kinds come in shuffled rounds of all six, so every run of six kills or more has each kind, and
 * a shorter run (CI's five) has no kind twice. Every random number of a cycle is drawn up front, so
 * the same seed gives the same plan whatever happens at run time; the moments themselves depend on
 * the machine's timing and cannot be replayed exactly.
 *
 * <p>Writes {@code KILL cycle kind how detail millis} to the events journal, millis taken just
 * before the signal: how is {@code delay} (random), {@code fired} (the trigger came) or {@code
 * timeout} (it did not come within 15 s, so the relay was killed anyway). A relay that stopped by
 * itself is not killed, and nothing is written.
 */
final class Killer {

  private static final long TRIGGER_WAIT_MS = 15_000;
  private static final String NOT_RUNNING = "not killed: the relay had stopped by itself";

  private final Random random;
  private final Triggers triggers;
  private final RelayProcess relay;
  private final Journal events;
  private final List<KillKind> plan = new ArrayList<>();

  Killer(long seed, int kills, Triggers triggers, RelayProcess relay, Journal events) {
    this.random = new Random(seed);
    this.triggers = triggers;
    this.relay = relay;
    this.events = events;
    while (plan.size() < kills) {
      List<KillKind> round = new ArrayList<>(List.of(KillKind.values()));
      Collections.shuffle(round, random);
      plan.addAll(round);
    }
    plan.subList(kills, plan.size()).clear();
  }

  KillKind kindOf(int cycle) {
    return plan.get(cycle - 1);
  }

  /** Waits for cycle's moment (the relay is up and loaded) and kills; returns how it went. */
  String killCycle(int cycle) throws InterruptedException {
    KillKind kind = kindOf(cycle);
    long randomDelay = 200 + random.nextInt(5_800);
    // Time for the load, the deliveries and the bounces to get going again after a restart.
    long settle = 500 + random.nextInt(2_000);
    boolean beforeReply = random.nextBoolean();
    long commitDelay = random.nextInt(40);
    if (kind == KillKind.RANDOM) {
      if (!sleepWhileAlive(randomDelay)) return NOT_RUNNING;
      killNow(cycle, kind, "delay", randomDelay + "ms");
      return "after " + randomDelay + " ms";
    }
    if (!sleepWhileAlive(settle)) return NOT_RUNNING;
    String detail =
        switch (kind) {
          case DURING_DELIVERY -> beforeReply ? "sink-before-250" : "sink-after-250";
          case INDEX_COMMIT -> Triggers.BURST + "-acks+" + commitDelay + "ms";
          default -> "-";
        };
    Runnable kill =
        () -> {
          if (kind == KillKind.INDEX_COMMIT) pause(commitDelay);
          killNow(cycle, kind, "fired", detail);
        };
    if (triggers.armAndAwait(kind, beforeReply, kill, TRIGGER_WAIT_MS, relay::isAlive)) {
      return "fired " + detail;
    }
    if (!relay.isAlive()) return NOT_RUNNING;
    killNow(cycle, kind, "timeout", detail);
    return "no trigger within " + TRIGGER_WAIT_MS / 1000 + " s: killed anyway";
  }

  /** Sleeps, watching the relay; false as soon as it is no longer running (nothing to kill). */
  private boolean sleepWhileAlive(long millis) throws InterruptedException {
    long end = System.currentTimeMillis() + millis;
    for (long left = millis; left > 0; left = end - System.currentTimeMillis()) {
      if (!relay.isAlive()) return false;
      Thread.sleep(Math.min(left, 100));
    }
    return relay.isAlive();
  }

  private void killNow(int cycle, KillKind kind, String how, String detail) {
    long at = System.currentTimeMillis();
    relay.kill9();
    events.add("KILL", cycle, kind.label(), how, detail, at);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
