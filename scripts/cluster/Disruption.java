/**
 * What a scenario does to the cluster while its load runs: nothing, a node killed, or PostgreSQL
 * restarted. It returns once its part is done; the load then runs to the end of its budget.
 */
interface Disruption {

  /** Nothing happens: the exactly-once scenario. */
  Disruption NONE = (load, facts, events) -> {};

  void during(Load load, PhaseFacts facts, Journal events) throws Exception;
}
