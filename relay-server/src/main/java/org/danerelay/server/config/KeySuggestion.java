package org.danerelay.server.config;

import java.util.Locale;
import java.util.Optional;

/** Finds the known key a misspelt one was probably meant to be. */
final class KeySuggestion {

  /** Farther than this, a "did you mean" guess misleads more than it helps. */
  static final int MAX_DISTANCE = 3;

  private KeySuggestion() {}

  /** The nearest known key within {@link #MAX_DISTANCE} edits; the first in the table on ties. */
  static Optional<String> nearest(String unknown) {
    String wanted = unknown.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = MAX_DISTANCE + 1;
    for (ConfigKey<?> key : ConfigKey.all()) {
      int distance = editDistance(wanted, key.name());
      if (distance < bestDistance) {
        best = key.name();
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Levenshtein distance: insertions, deletions and substitutions of one character each. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
