package org.danerelay.server.tlsrpt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Signs the messages this relay writes itself with DKIM (RFC 6376), as RFC 8460 3 asks of report
 * mail: relaxed/relaxed canonicalization, {@code rsa-sha256} or {@code ed25519-sha256} (RFC 8463)
 * by the key's type, over the header fields a report carries.
 *
 * <p>Written by hand because it only ever signs messages built here, whose header fields are single
 * lines of ASCII: the general cases (folded headers from outside, l=, z=) do not arise.
 */
final class DkimSigner {

  /** RFC 6376 5.4: From is required; the rest keep a report's meaning from being changed. */
  private static final List<String> SIGNED =
      List.of(
          "from",
          "to",
          "subject",
          "date",
          "message-id",
          "tls-report-domain",
          "tls-report-submitter",
          "tls-required",
          "mime-version",
          "content-type");

  private final String domain;
  private final String selector;
  private final PrivateKey key;

  DkimSigner(String domain, String selector, PrivateKey key) {
    this.domain = Objects.requireNonNull(domain, "domain");
    this.selector = Objects.requireNonNull(selector, "selector");
    this.key = Objects.requireNonNull(key, "key");
    algorithm(); // refuse a key type DKIM has no algorithm for, at start-up
  }

  /** The message with a {@code DKIM-Signature} field in front (CRLF line ends in and out). */
  byte[] sign(byte[] message, Instant now) {
    String text = new String(message, StandardCharsets.US_ASCII);
    int split = text.indexOf("\r\n\r\n");
    String head = text.substring(0, split + 2);
    String body = text.substring(split + 4);
    List<String> signed = new ArrayList<>();
    StringBuilder canonical = new StringBuilder();
    for (String field : head.split("\r\n")) {
      String name = field.substring(0, field.indexOf(':')).strip().toLowerCase(Locale.ROOT);
      if (SIGNED.contains(name) && !signed.contains(name)) {
        signed.add(name);
        canonical.append(relaxedHeader(field)).append("\r\n");
      }
    }
    String unsigned =
        "DKIM-Signature: v=1; a="
            + algorithm()
            + "; c=relaxed/relaxed; d="
            + domain
            + "; s="
            + selector
            + "; t="
            + now.getEpochSecond()
            + "; h="
            + String.join(":", signed)
            + "; bh="
            + base64(sha256(relaxedBody(body)))
            + "; b=";
    // RFC 6376 3.7: the signature field itself, with b= empty and no CRLF, comes last.
    canonical.append(relaxedHeader(unsigned));
    String field = unsigned + base64(signature(canonical.toString()));
    return (field + "\r\n" + text).getBytes(StandardCharsets.US_ASCII);
  }

  /** RFC 6376 3.4.2: lower-case name, no WSP around the colon, WSP runs as one SP, none at end. */
  static String relaxedHeader(String field) {
    int colon = field.indexOf(':');
    String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    String value = field.substring(colon + 1).replaceAll("\r\n", "").replaceAll("[ \t]+", " ");
    return name + ":" + value.strip();
  }

  /** RFC 6376 3.4.4: WSP runs as one SP, none at line ends, no empty lines at the end. */
  static String relaxedBody(String body) {
    StringBuilder out = new StringBuilder();
    for (String line : body.split("\r\n", -1)) {
      out.append(line.replaceAll("[ \t]+", " ").stripTrailing()).append("\r\n");
    }
    String text = out.toString();
    while (text.endsWith("\r\n\r\n")) {
      text = text.substring(0, text.length() - 2);
    }
    return text.equals("\r\n") ? "" : text;
  }

  private String algorithm() {
    return switch (key.getAlgorithm()) {
      case "RSA" -> "rsa-sha256";
      case "Ed25519", "EdDSA" -> "ed25519-sha256";
      default ->
          throw new IllegalArgumentException(
              "a DKIM key must be RSA or Ed25519, not " + key.getAlgorithm());
    };
  }

  private byte[] signature(String canonicalHeaders) {
    try {
      byte[] data = canonicalHeaders.getBytes(StandardCharsets.US_ASCII);
      Signature signer;
      if (algorithm().equals("rsa-sha256")) {
        signer = Signature.getInstance("SHA256withRSA");
      } else {
        signer = Signature.getInstance("Ed25519");
        data = sha256(canonicalHeaders); // RFC 8463 3: Ed25519 signs the SHA-256 of the data
      }
      signer.initSign(key);
      signer.update(data);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the DKIM key: " + e.getMessage(), e);
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
