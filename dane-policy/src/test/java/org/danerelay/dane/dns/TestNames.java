package org.danerelay.dane.dns;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Absolute names from text, for tests. */
final class TestNames {
  private TestNames() {}

  static Name of(String text) {
    try {
      return Name.fromString(text, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
