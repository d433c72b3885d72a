package org.danerelay.server.rollover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.danerelay.dane.publish.ChainAnchors;
import org.danerelay.dane.publish.TlsaLine;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.danerelay.server.tls.PemFiles;

/**
 * {@code tlsa rollover init}: pre-generates the next key beside the current one and returns the
 * records to publish now, so that they are in every cache before the key is used (RFC 7671 8.1).
 */
public final class RolloverStart {

  /**
   * What init made.
   *
   * @param nextKey the next key's file
   * @param keyKind e.g. {@code EC P-256}
   * @param request the certificate request for the next key
   * @param publish the zone-file lines to publish now
   */
  public record Started(Path nextKey, String keyKind, Path request, List<TlsaLine> publish) {}

  private RolloverStart() {}

  /**
   * Starts a rollover of {@code files}' pair.
   *
   * @param issuerBundle CA certificates to find the issuer in (current+issuer), else the chain in
   *     the current certificate file
   * @throws IllegalArgumentException for a request that cannot be met, in words for the operator
   */
  public static Started start(
      RolloverFiles files,
      RolloverScheme scheme,
      List<String> hosts,
      int port,
      Optional<String> algorithm,
      Optional<Path> issuerBundle,
      Clock clock)
      throws IOException, GeneralSecurityException {
    if (Files.exists(files.state()) || Files.exists(files.nextKey())) {
      throw new IllegalArgumentException(
          "a rollover is already in progress ("
              + (Files.exists(files.state()) ? files.state() : files.nextKey())
              + "): 'tlsa rollover status' shows its records; remove "
              + files.state()
              + " and "
              + files.nextKey()
              + " to start over (records for that next key may be published already)");
    }
    List<X509Certificate> chain = PemFiles.readCertificates(files.cert());
    PrivateKey current = PemFiles.readPrivateKey(files.key());
    Optional<TlsaRecord> issuer =
        scheme == RolloverScheme.CURRENT_ISSUER
            ? Optional.of(issuerRecord(files, chain, issuerBundle))
            : Optional.empty();
    KeyPair next = NextKey.generate(current, algorithm);
    NextKey.writeKey(files.nextKey(), next.getPrivate(), files.key());
    NextKey.writeRequest(files.nextRequest(), next, hosts);
    new RolloverState(scheme, hosts, port, issuer, clock.instant(), Map.of()).save(files.state());

    List<TlsaRecord> records = new ArrayList<>();
    records.add(RolloverRecords.forLeaf(chain.get(0)));
    records.add(issuer.orElse(RolloverRecords.forKeyFile(files.nextKey())));
    return new Started(
        files.nextKey(),
        NextKey.describe(next.getPrivate()),
        files.nextRequest(),
        RolloverRecords.lines(hosts, port, records));
  }

  private static TlsaRecord issuerRecord(
      RolloverFiles files, List<X509Certificate> chain, Optional<Path> bundle) throws IOException {
    if (files.selfSigned()) {
      throw new IllegalArgumentException(
          "current+issuer needs a CA-issued certificate, and the relay serves its own self-signed"
              + " one (smtpd.tls.cert is empty): use --scheme current+next");
    }
    List<X509Certificate> candidates =
        bundle.isPresent() ? PemFiles.readCertificates(bundle.get()) : chain;
    try {
      return RolloverRecords.forIssuer(ChainAnchors.forLeaf(chain.get(0), candidates).issuer());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          (bundle.isPresent() ? bundle.get() : files.cert())
              + ": "
              + e.getMessage()
              + (bundle.isPresent() ? "" : "; give the CA bundle with --issuer FILE"),
          e);
    }
  }
}
