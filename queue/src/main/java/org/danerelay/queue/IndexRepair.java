package org.danerelay.queue;

/**
 * How start-up healed an index that had rows no transaction could lock (ADR 0006).
 *
 * @param unlockableRows how many rows could not be locked before the repair
 * @param remedy what was done, in words for the log
 */
public record IndexRepair(int unlockableRows, String remedy) {}
