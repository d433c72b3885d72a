package org.danerelay.server.rollover;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.danerelay.dane.publish.TlsaGenerator;
import org.danerelay.dane.publish.TlsaLine;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.danerelay.server.tls.PemFiles;

/**
 * The records of a rollover, computed from the files themselves: the current key's {@code 3 1 1},
 * the next key's {@code 3 1 1}, the issuer's {@code 2 1 1}.
 */
public final class RolloverRecords {

  private static final int SHA256 = TlsaRecord.MATCH_SHA256;

  private RolloverRecords() {}

  /** The {@code 3 1 1} of the leaf in a certificate chain file. */
  public static TlsaRecord forCertificateFile(Path chain) throws IOException {
    return forLeaf(PemFiles.readCertificates(chain).get(0));
  }

  /** The {@code 3 1 1} of a certificate's public key. */
  static TlsaRecord forLeaf(X509Certificate leaf) {
    return TlsaGenerator.forCertificate(leaf, TlsaRecord.DANE_EE, TlsaRecord.SELECTOR_SPKI, SHA256);
  }

  /** The {@code 2 1 1} of a CA's public key (RFC 7671 5.2.2: DANE-TA by key). */
  static TlsaRecord forIssuer(X509Certificate issuer) {
    return TlsaGenerator.forCertificate(
        issuer, TlsaRecord.DANE_TA, TlsaRecord.SELECTOR_SPKI, SHA256);
  }

  /** The {@code 3 1 1} of the public half of the private key in {@code keyFile}. */
  public static TlsaRecord forKeyFile(Path keyFile) throws IOException {
    return TlsaGenerator.forPrivateKey(
        PemFiles.readPrivateKey(keyFile), TlsaRecord.DANE_EE, SHA256);
  }

  /**
   * The record that must be in DNS before the switch, because it matches the next certificate: the
   * next key's {@code 3 1 1}, or the issuer's {@code 2 1 1}.
   */
  public static TlsaRecord neededAfterSwitch(RolloverState state, RolloverFiles files)
      throws IOException {
    return state.scheme() == RolloverScheme.CURRENT_NEXT
        ? forKeyFile(files.nextKey())
        : state.issuer().orElseThrow();
  }

  /** Zone-file lines: each record at each host, in host order. */
  public static List<TlsaLine> lines(List<String> hosts, int port, List<TlsaRecord> records) {
    List<TlsaLine> lines = new ArrayList<>();
    for (String host : hosts) {
      records.forEach(record -> lines.add(new TlsaLine(host, port, record)));
    }
    return lines;
  }
}
