package org.danerelay.dane.sts;

import java.util.Objects;

/**
 * The {@code _mta-sts} TXT record of a policy domain (RFC 8461 3.1): its {@code id} says whether
 * the policy changed since it was last fetched.
 *
 * @param id 1 to 32 letters and digits
 */
public record StsRecord(String id) {

  public StsRecord {
    Objects.requireNonNull(id, "id");
    if (!id.matches("[A-Za-z0-9]{1,32}")) {
      throw new IllegalArgumentException("MTA-STS id must be 1-32 letters and digits: " + id);
    }
  }
}
