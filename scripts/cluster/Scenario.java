import java.util.Locale;

/** The three things a cluster run proves, run in this order; each can be chosen alone. */
enum Scenario {
  /** Messages injected across the nodes are delivered exactly once each. */
  EXACTLY_ONCE,
  /**
   * PostgreSQL stops under load and starts again: 451 meanwhile, nothing lost, the relays resume.
   */
  RESTART_POSTGRES,
  /** One node is killed with SIGKILL mid-delivery and stays dead: the others take its claims. */
  KILL_NODE;

  /** The name in options, folders and the report: exactly-once, restart-postgres, kill-node. */
  String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Scenario of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
