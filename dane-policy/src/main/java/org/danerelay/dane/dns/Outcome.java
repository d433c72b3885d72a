package org.danerelay.dane.dns;

/** What a DNS lookup found, apart from how secure that finding is. */
public enum Outcome {
  /** One or more records of the asked type. */
  RECORDS,
  /** The name exists but has no records of the asked type. */
  NODATA,
  /** The name does not exist. */
  NXDOMAIN,
  /** No usable answer: SERVFAIL, REFUSED, a timeout, truncation that TCP could not fix, a loop. */
  FAILURE
}
