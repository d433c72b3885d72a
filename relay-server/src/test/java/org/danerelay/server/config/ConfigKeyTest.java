package org.danerelay.server.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The key table: unique names, parseable defaults, one-sentence docs, typo suggestions. */
class ConfigKeyTest {

  @Test
  void keyNamesAreUnique() {
    Set<String> names = new HashSet<>();
    for (ConfigKey<?> key : ConfigKey.all()) {
      assertTrue(names.add(key.name()), key.name());
    }
  }

  @Test
  void everyDefaultParsesWithItsKeysOwnParser() {
    for (ConfigKey<?> key : ConfigKey.all()) {
      assertDoesNotThrow(() -> key.parser().parse(key.defaultText()), key.name());
    }
  }

  @Test
  void everyDocIsOneSentence() {
    for (ConfigKey<?> key : ConfigKey.all()) {
      String doc = key.doc();
      assertTrue(Character.isUpperCase(doc.charAt(0)) && doc.endsWith("."), key.name());
      assertTrue(doc.indexOf(". ") < 0, () -> key.name() + " has more than one sentence");
    }
  }

  @Test
  void findsKeysByExactName() {
    assertEquals(Optional.of(ConfigKey.SMTPD_LISTEN), ConfigKey.byName("smtpd.listen"));
    assertEquals(Optional.empty(), ConfigKey.byName("SMTPD.LISTEN"));
  }

  @Test
  void suggestsTheNearestKeyWithinThreeEdits() {
    assertEquals(Optional.of("smtpd.listen"), KeySuggestion.nearest("smtpd.lisen"));
    assertEquals(Optional.of("smtpd.listen"), KeySuggestion.nearest("SMTPD.LISTEN"));
    assertEquals(Optional.of("log.level"), KeySuggestion.nearest("log.lvl"));
    assertEquals(Optional.of("data.dir"), KeySuggestion.nearest("data_dir"));
  }

  @Test
  void suggestsNothingFourOrMoreEditsAway() {
    assertEquals(Optional.empty(), KeySuggestion.nearest("smtpd.li"));
    assertEquals(Optional.empty(), KeySuggestion.nearest("colour"));
  }

  @Test
  void measuresEditDistanceAsLevenshtein() {
    assertEquals(3, KeySuggestion.editDistance("kitten", "sitting"));
    assertEquals(0, KeySuggestion.editDistance("", ""));
    assertEquals(4, KeySuggestion.editDistance("", "abcd"));
  }

  @Test
  void referenceTextListsEveryKeyWithItsDefault() {
    String text = ConfigReference.text();
    for (ConfigKey<?> key : ConfigKey.all()) {
      assertTrue(text.contains(key.name() + " = " + key.defaultText() + "\n"), key.name());
    }
  }
}
