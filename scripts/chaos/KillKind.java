import java.util.Locale;

/** The moments at which the harness kills the relay; each probes a different crash window. */
enum KillKind {
  /** A uniform random delay after the relay is up: no window in particular. */
  RANDOM,
  /** A client has sent half a message's content and holds the rest: a partial DATA. */
  DURING_DATA,
  /** A client has just received its 250: the message was acknowledged a moment ago. */
  AFTER_250,
  /** The sink has the relay's final dot, just before or just after its 250: RFC 1047's window. */
  DURING_DELIVERY,
  /** The relay logged a bounce being queued, or the sink got a DSN. */
  DURING_BOUNCE,
  /** A short random delay after a burst of 250s, while the index writer commits that batch. */
  INDEX_COMMIT;

  /** The name used in options, progress lines and the report: during-data, after-250, ... */
  String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
