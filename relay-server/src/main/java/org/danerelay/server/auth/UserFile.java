package org.danerelay.server.auth;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SMTP AUTH users, read once from a file of {@code user:HASH} lines, checking their passwords.
 *
 * <p>An unknown user costs as much time as a wrong password, so timing tells nothing of which users
 * exist. Passwords are never logged.
 */
public final class UserFile {

  private static final PasswordHash DECOY = PasswordHash.create("decoy".toCharArray());

  private final Map<String, PasswordHash> users;

  private UserFile(Map<String, PasswordHash> users) {
    this.users = Map.copyOf(users);
  }

  /**
   * Reads {@code file}; '#' comments and blank lines are skipped.
   *
   * @throws IOException whose message is {@code file:line: reason}
   */
  public static UserFile load(Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      // Its message ("Input length = 1") would name neither the file nor the trouble.
      throw new IOException(file + ": not UTF-8 text", e);
    }
    Map<String, PasswordHash> users = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      String where = file + ":" + (i + 1) + ": ";
      if (colon < 1) {
        throw new IOException(where + "expected user:" + PasswordHash.SCHEME + "$...");
      }
      try {
        String user = line.substring(0, colon);
        if (users.put(user, PasswordHash.parse(line.substring(colon + 1))) != null) {
          throw new IOException(where + "user '" + user + "' appears twice");
        }
      } catch (IllegalArgumentException e) {
        throw new IOException(where + e.getMessage(), e);
      }
    }
    return new UserFile(users);
  }

  /** How many users the file holds. */
  public int size() {
    return users.size();
  }

  /**
   * True when {@code user} is in the file and {@code password} is theirs. An unknown user costs one
   * hash all the same.
   */
  public boolean verify(String user, String password) {
    PasswordHash stored = users.getOrDefault(user, DECOY);
    char[] chars = password.toCharArray();
    try {
      return stored.matches(chars) && stored != DECOY;
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /**
   * Whether {@code user} is in the file: a name that is not may be a password typed in its place.
   */
  public boolean knows(String user) {
    return users.containsKey(user);
  }
}
