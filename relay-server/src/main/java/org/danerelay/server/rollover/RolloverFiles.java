package org.danerelay.server.rollover;

import java.nio.file.Path;
import java.util.Objects;
import org.danerelay.server.config.RelayConfig;

/**
 * Where the listener's current pair is and where a rollover keeps its own files: all beside the
 * current key, so that they share its folder's owner and permissions.
 *
 * @param cert the current certificate chain ({@code smtpd.tls.cert}, or the self-signed one)
 * @param key the current private key ({@code smtpd.tls.key}, or the self-signed one)
 * @param selfSigned whether the relay uses its own self-signed pair in {@code data.dir/tls}
 */
public record RolloverFiles(Path cert, Path key, boolean selfSigned) {

  public RolloverFiles {
    Objects.requireNonNull(cert, "cert");
    Objects.requireNonNull(key, "key");
  }

  /** The pair {@code config} makes the listener serve. */
  public static RolloverFiles of(RelayConfig config) {
    if (config.tlsCert().isPresent()) {
      return new RolloverFiles(config.tlsCert().get(), config.tlsKey().orElseThrow(), false);
    }
    // Where ServerTls makes and finds the relay's own pair.
    Path tls = config.dataDir().resolve("tls");
    return new RolloverFiles(
        tls.resolve("selfsigned-cert.pem"), tls.resolve("selfsigned-key.pem"), true);
  }

  /** The pre-generated next key: {@code <key>.next}, owner-only. */
  public Path nextKey() {
    return sibling(key, ".next");
  }

  /** A certificate request for the next key, for a CA or an ACME client. */
  public Path nextRequest() {
    return sibling(key, ".next.csr");
  }

  /** What the rollover remembers between runs: scheme, hosts, when records were first seen. */
  public Path state() {
    return sibling(key, ".rollover");
  }

  /** The key the relay served before the last promote. */
  public Path previousKey() {
    return sibling(key, ".previous");
  }

  /** The certificate the relay served before the last promote. */
  public Path previousCert() {
    return sibling(cert, ".previous");
  }

  private static Path sibling(Path file, String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }
}
