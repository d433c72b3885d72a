package org.danerelay.dane.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.danerelay.dane.tlsa.TlsaRecord;

/**
 * Picks from a secure TLSA RRset the records DANE for SMTP may use (DANE-RULES 4; RFC 7672 3.1.3,
 * RFC 7671 9).
 */
public final class TlsaUsability {

  private TlsaUsability() {}

  /**
   * The usable records in RRset order: DANE-TA(2) or DANE-EE(3), selector 0 or 1, matching type 0,
   * 1 or 2 with data of the right length ({@link TlsaRecord#isUsableForSmtp()}); then digest
   * agility (RFC 7671 9): within one (usage, selector) pair, of the digest matching types only the
   * strongest present is kept (SHA-512 over SHA-256). Full data (matching type 0) involves no
   * digest, so it is never dropped.
   */
  public static List<TlsaRecord> select(List<TlsaRecord> rrset) {
    List<TlsaRecord> usable = new ArrayList<>();
    Map<Integer, Integer> strongestDigest = new HashMap<>();
    for (TlsaRecord r : rrset) {
      if (r.isUsableForSmtp()) {
        usable.add(r);
        if (r.matchingType() != TlsaRecord.MATCH_FULL) {
          strongestDigest.merge(pair(r), rank(r.matchingType()), Math::max);
        }
      }
    }
    usable.removeIf(
        r ->
            r.matchingType() != TlsaRecord.MATCH_FULL
                && rank(r.matchingType()) < strongestDigest.get(pair(r)));
    return List.copyOf(usable);
  }

  private static int pair(TlsaRecord r) {
    return r.usage() * 256 + r.selector();
  }

  private static int rank(int matchingType) {
    return matchingType == TlsaRecord.MATCH_SHA512 ? 2 : 1;
  }
}
