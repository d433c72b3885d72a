package org.danerelay.server.auth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One SASL exchange of the PLAIN (RFC 4616) or LOGIN mechanism: turns each base64 client response
 * into the next step, and never throws on what a client sends.
 */
public abstract sealed class SaslExchange {

  /** The mechanisms offered, in the order EHLO lists them. */
  public static final List<String> MECHANISMS = List.of("PLAIN", "LOGIN");

  /** RFC 4616 2: authzid, authcid and passwd are each at most 255 octets of UTF-8. */
  static final int MAX_FIELD_OCTETS = 255;

  private static final String USERNAME = encode("Username:");
  private static final String PASSWORD = encode("Password:");

  /** A new exchange for {@code mechanism} (any case), or empty when it is not offered. */
  public static Optional<SaslExchange> start(String mechanism) {
    return switch (mechanism.toUpperCase(Locale.ROOT)) {
      case "PLAIN" -> Optional.of(new Plain());
      case "LOGIN" -> Optional.of(new Login());
      default -> Optional.empty();
    };
  }

  /** The first step: from the initial response of the AUTH command, or without one. */
  public abstract SaslStep begin(Optional<String> initialResponse);

  /** The next step, from a client response line (base64, without CRLF). */
  public abstract SaslStep respond(String line);

  /** RFC 4954 4: "=" as the initial response stands for an empty one. */
  static Optional<byte[]> decode(String base64) {
    if (base64.equals("=")) {
      return Optional.of(new byte[0]);
    }
    try {
      return Optional.of(Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Strict UTF-8 of at most 255 octets without NUL, or empty. */
  static Optional<String> field(byte[] octets, int from, int to) {
    if (to - from > MAX_FIELD_OCTETS) {
      return Optional.empty();
    }
    for (int i = from; i < to; i++) {
      if (octets[i] == 0) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(octets, from, to - from))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** RFC 4616: one response, {@code [authzid] NUL authcid NUL passwd}. */
  private static final class Plain extends SaslExchange {

    @Override
    public SaslStep begin(Optional<String> initialResponse) {
      // RFC 4954 4: without an initial response the server sends an empty challenge.
      return initialResponse.map(this::respond).orElse(new SaslStep.Challenge(""));
    }

    @Override
    public SaslStep respond(String line) {
      Optional<byte[]> decoded = decode(line);
      if (decoded.isEmpty()) {
        return new SaslStep.Malformed("PLAIN response is not base64");
      }
      byte[] message = decoded.get();
      int first = indexOfNul(message, 0);
      int second = first < 0 ? -1 : indexOfNul(message, first + 1);
      if (second < 0) {
        return new SaslStep.Malformed("PLAIN response lacks its two NUL separators");
      }
      Optional<String> authzid = field(message, 0, first);
      Optional<String> user = field(message, first + 1, second);
      Optional<String> password = field(message, second + 1, message.length);
      if (authzid.isEmpty() || user.isEmpty() || password.isEmpty()) {
        return new SaslStep.Malformed("PLAIN field too long, not UTF-8 or with a third NUL");
      }
      return new SaslStep.Credentials(authzid.get(), user.get(), password.get());
    }

    private static int indexOfNul(byte[] octets, int from) {
      for (int i = from; i < octets.length; i++) {
        if (octets[i] == 0) {
          return i;
        }
      }
      return -1;
    }
  }

  /** The LOGIN mechanism (draft-murchison-sasl-login): user name, then password, each asked. */
  private static final class Login extends SaslExchange {

    private String user;

    @Override
    public SaslStep begin(Optional<String> initialResponse) {
      return initialResponse.map(this::respond).orElse(new SaslStep.Challenge(USERNAME));
    }

    @Override
    public SaslStep respond(String line) {
      Optional<byte[]> decoded = decode(line);
      Optional<String> text = decoded.flatMap(octets -> field(octets, 0, octets.length));
      if (text.isEmpty()) {
        return new SaslStep.Malformed("LOGIN response is not base64 of short UTF-8");
      }
      if (user == null) {
        user = text.get();
        return new SaslStep.Challenge(PASSWORD);
      }
      return new SaslStep.Credentials("", user, text.get());
    }
  }
}
