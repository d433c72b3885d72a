package org.danerelay.dane.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.danerelay.dane.tlsa.TlsaRecord;

/** Selects the TLSA records that take part in matching: usable ones, after digest agility. */
final class UsableRecords {

  private UsableRecords() {}

  /**
   * The records to match, in their original order.
   *
   * <p>RFC 7672 3.1.3: PKIX-TA(0), PKIX-EE(1), unknown parameters and malformed data are unusable
   * and ignored. RFC 7671 9: agility is applied only after unusable records are discarded; then,
   * for each (usage, selector), the client processes any Full(0) records plus the records of the
   * strongest digest present. Our order of strength is SHA2-512(2) over SHA2-256(1).
   */
  static List<TlsaRecord> select(List<TlsaRecord> records) {
    Map<Integer, Integer> strongestDigest = new LinkedHashMap<>();
    List<TlsaRecord> usable = new ArrayList<>();
    for (TlsaRecord record : records) {
      if (!record.isUsableForSmtp()) {
        continue;
      }
      usable.add(record);
      if (record.matchingType() != TlsaRecord.MATCH_FULL) {
        strongestDigest.merge(pair(record), record.matchingType(), UsableRecords::stronger);
      }
    }
    List<TlsaRecord> selected = new ArrayList<>();
    for (TlsaRecord record : usable) {
      // RFC 7671 9: Full(0) is not a digest and always takes part.
      if (record.matchingType() == TlsaRecord.MATCH_FULL
          || record.matchingType() == strongestDigest.get(pair(record))) {
        selected.add(record);
      }
    }
    return selected;
  }

  /** RFC 7671 9 leaves the order to the client: SHA2-512 is stronger than SHA2-256. */
  private static int stronger(int a, int b) {
    return rank(a) >= rank(b) ? a : b;
  }

  private static int rank(int matchingType) {
    return switch (matchingType) {
      case TlsaRecord.MATCH_SHA512 -> 2;
      case TlsaRecord.MATCH_SHA256 -> 1;
      default -> 0;
    };
  }

  private static int pair(TlsaRecord record) {
    return record.usage() * 256 + record.selector();
  }
}
