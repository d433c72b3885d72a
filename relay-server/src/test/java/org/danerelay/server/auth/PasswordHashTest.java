package org.danerelay.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The stored form of AUTH passwords: what a users file may hold. */
class PasswordHashTest {

  private static final String SALT = "AAECAwQFBgcICQoLDA0ODw";
  private static final String HASH = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "empty salt, which PBEKeySpec refuses at AUTH time | 10000    | ''   | " + HASH,
        "hash shorter than SHA-256, which never matches    | 10000    | " + SALT + " | AAEC",
        "iterations that make every AUTH take minutes      | 99999999 | " + SALT + " | " + HASH,
        "iterations too few to slow a guesser              | 9999     | " + SALT + " | " + HASH
      })
  void refusesAStoredFormThatCouldNeverBeCheckedSafely(
      String why, String iterations, String salt, String hash) {
    String stored = "pbkdf2-sha256$" + iterations + "$" + salt + "$" + hash;
    assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(stored), why);
  }

  @ParameterizedTest(name = "{0} iterations")
  @CsvSource({"10000", "310000", "10000000"})
  void readsAndWritesBackAValidStoredForm(String iterations) {
    String stored = "pbkdf2-sha256$" + iterations + "$" + SALT + "$" + HASH;
    assertEquals(stored, PasswordHash.parse(stored).encode());
  }
}
