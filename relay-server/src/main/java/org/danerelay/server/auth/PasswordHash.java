package org.danerelay.server.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted, slow password hashes for SMTP AUTH users: PBKDF2-HMAC-SHA256, stored as {@code
 * pbkdf2-sha256$ITERATIONS$SALT$HASH} (base64 without padding).
 *
 * <p>PBKDF2 because the JDK has it and it is what OWASP lists for FIPS settings; 310,000 iterations
 * follows OWASP's 2023 advice for SHA-256.
 */
public final class PasswordHash {

  static final String SCHEME = "pbkdf2-sha256";
  private static final int ITERATIONS = 310_000;
  private static final int MAX_ITERATIONS = 10_000_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  private PasswordHash(int iterations, byte[] salt, byte[] hash) {
    this.iterations = iterations;
    this.salt = salt;
    this.hash = hash;
  }

  /** Hashes {@code password} with a fresh random salt. */
  public static PasswordHash create(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    new SecureRandom().nextBytes(salt);
    return new PasswordHash(ITERATIONS, salt, derive(password, salt, ITERATIONS));
  }

  /**
   * Parses the stored form.
   *
   * @throws IllegalArgumentException with a reason fit for a {@code file:line:} message
   */
  public static PasswordHash parse(String stored) {
    String[] parts = stored.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      throw new IllegalArgumentException("not a " + SCHEME + "$ITERATIONS$SALT$HASH value");
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      if (iterations < 10_000) {
        throw new IllegalArgumentException("fewer than 10000 iterations is too weak");
      }
      // Each AUTH costs this many rounds: a slipped digit must not make every login burn minutes.
      if (iterations > MAX_ITERATIONS) {
        throw new IllegalArgumentException("more than " + MAX_ITERATIONS + " iterations");
      }
      Base64.Decoder base64 = Base64.getDecoder();
      byte[] salt = base64.decode(parts[2]);
      byte[] hash = base64.decode(parts[3]);
      // PBEKeySpec throws on an empty salt, which would surface at AUTH time rather than here;
      // a hash of another length could never match.
      if (salt.length == 0 || hash.length != HASH_BITS / 8) {
        throw new IllegalArgumentException("needs a salt and a " + HASH_BITS + "-bit hash");
      }
      return new PasswordHash(iterations, salt, hash);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad iteration count");
    }
  }

  /** True when {@code password} hashes to this value; compares in constant time. */
  public boolean matches(char[] password) {
    return MessageDigest.isEqual(hash, derive(password, salt, iterations));
  }

  /** The stored form. */
  public String encode() {
    Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
    return SCHEME
        + "$"
        + iterations
        + "$"
        + base64.encodeToString(salt)
        + "$"
        + base64.encodeToString(hash);
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    } finally {
      spec.clearPassword();
    }
  }
}
