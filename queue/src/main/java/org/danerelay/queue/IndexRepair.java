package org.danerelay.queue;

/**
 * How start-up healed an index that a crash had left with rows no transaction could lock (ADR
 * 0006).
 *
 * @param stuckRows rows that could not be locked, or not seen, before the repair
 * @param strandedCommits transactions H2 had left committed but unfinished before the repair
 * @param problem what the checks found, in words for the log
 * @param remedy what was done, in words for the log
 */
public record IndexRepair(int stuckRows, int strandedCommits, String problem, String remedy) {}
