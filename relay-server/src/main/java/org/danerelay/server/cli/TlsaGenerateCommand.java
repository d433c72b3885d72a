package org.danerelay.server.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.danerelay.dane.publish.ChainAnchors;
import org.danerelay.dane.publish.PemBundle;
import org.danerelay.dane.publish.TlsaGenerator;
import org.danerelay.dane.publish.TlsaLine;
import org.danerelay.dane.tlsa.TlsaRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code danerelay tlsa generate}: prints the zone-file TLSA lines for one's own MX host from a
 * certificate, a key or a CA bundle, plus the lines a rollover needs (RFC 7671 8.1).
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Print TLSA records for an MX host as zone-file lines (_25._tcp.HOST. IN TLSA ...).",
      "  --cert FILE or --key FILE: the server's DANE-EE record (default 3 1 1).",
      "  --chain BUNDLE --anchor root|issuer: a CA's DANE-TA record (2 1 1).",
      "Rollover (RFC 7671 8.1): add --next-key FILE (current + next) or --with-issuer BUNDLE"
          + " (current + issuer)."
    })
final class TlsaGenerateCommand implements Callable<Integer> {

  private static final String USAGE_RULE = "must be 2 (DANE-TA) or 3 (DANE-EE)";
  private static final String USAGE_WHY =
      ": DANE for SMTP ignores PKIX-TA(0) and PKIX-EE(1), as mail servers share no CA store to"
          + " check them against (RFC 7672 3.1.3)";

  @Option(names = "--cert", paramLabel = "FILE", description = "Server certificate (PEM).")
  Path cert;

  @Option(names = "--key", paramLabel = "FILE", description = "Server private or public key.")
  Path key;

  @Option(names = "--chain", paramLabel = "BUNDLE", description = "CA bundle (PEM), any order.")
  Path chain;

  @Option(names = "--anchor", paramLabel = "root|issuer", description = "CA of --chain to pin.")
  String anchor;

  @Option(names = "--host", paramLabel = "HOST", description = "MX host, e.g. mail.example.nl.")
  String host;

  @Option(names = "--port", defaultValue = "25", description = "Default: ${DEFAULT-VALUE}.")
  String port;

  @Option(names = "--usage", paramLabel = "2|3", description = "Default 3; 2 with --chain.")
  String usage;

  @Option(
      names = "--selector",
      paramLabel = "0|1",
      defaultValue = "1",
      description = "0 cert, 1 key.")
  String selector;

  @Option(
      names = "--matching",
      paramLabel = "0|1|2",
      defaultValue = "1",
      description = "0 full, 1 SHA-256, 2 SHA-512.")
  String matching;

  @Option(names = "--next-key", paramLabel = "FILE", description = "Next key (or its certificate).")
  Path nextKey;

  @Option(names = "--with-issuer", paramLabel = "BUNDLE", description = "Bundle with the issuer.")
  Path withIssuer;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try {
      List<TlsaLine> lines = lines();
      lines.forEach(spec.commandLine().getOut()::println);
      if (nextKey != null || withIssuer != null) {
        String scheme =
            "current"
                + (nextKey != null ? " + next" : "")
                + (withIssuer != null ? " + issuer" : "");
        spec.commandLine()
            .getOut()
            .println(
                "; "
                    + scheme
                    + " (RFC 7671 8.1): publish all of these now; switch keys only after they have"
                    + " been on every authoritative name server for at least two TTLs");
      }
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      // Every message here is written for the operator: one line, no stack trace.
      spec.commandLine().getErr().println("danerelay: " + e.getMessage());
      return ErrorReporter.BAD_INPUT;
    }
  }

  private List<TlsaLine> lines() throws IOException {
    if (Stream.of(cert, key, chain).filter(Objects::nonNull).count() != 1) {
      throw new IllegalArgumentException("give exactly one of --cert, --key or --chain");
    }
    if (host == null) {
      throw new IllegalArgumentException("--host is required: the MX host the records are for");
    }
    if (anchor != null && chain == null) {
      throw new IllegalArgumentException("--anchor goes with --chain BUNDLE");
    }
    if (chain != null && (nextKey != null || withIssuer != null)) {
      throw new IllegalArgumentException("--next-key and --with-issuer go with --cert or --key");
    }
    int portNumber = number("--port", port, 1, 65535, "must be 1-65535", "");
    int u =
        usage == null
            ? (chain == null ? 3 : 2)
            : number("--usage", usage, 2, 3, USAGE_RULE, USAGE_WHY);
    int s =
        number("--selector", selector, 0, 1, "must be 0 (full certificate) or 1 (public key)", "");
    int m =
        number("--matching", matching, 0, 2, "must be 0 (full), 1 (SHA-256) or 2 (SHA-512)", "");
    String name = hostName();

    List<TlsaRecord> records = new ArrayList<>();
    if (chain != null) {
      records.add(TlsaGenerator.forCertificate(anchorCertificate(u), u, s, m));
    } else if (cert != null) {
      records.add(TlsaGenerator.forCertificate(certificates(cert).leafCertificate(), u, s, m));
    } else if (s == 0) {
      throw new IllegalArgumentException(
          "--selector 0 hashes a whole certificate and --key has none: use --selector 1 or --cert");
    } else {
      records.add(TlsaGenerator.forSubjectPublicKeyInfo(keys(key).subjectPublicKeyInfo(), u, m));
    }
    if (nextKey != null) {
      records.add(next(u, s, m, records.get(0)));
    }
    if (withIssuer != null) {
      records.add(TlsaGenerator.forCertificate(issuer(), TlsaRecord.DANE_TA, 1, m));
    }
    return records.stream().map(r -> new TlsaLine(name, portNumber, r)).toList();
  }

  private X509Certificate anchorCertificate(int u) throws IOException {
    if (u != TlsaRecord.DANE_TA) {
      throw new IllegalArgumentException(
          "--chain makes a CA's record: --usage must be 2 (DANE-TA)");
    }
    if (!"root".equals(anchor) && !"issuer".equals(anchor)) {
      throw new IllegalArgumentException("--chain needs --anchor root or --anchor issuer");
    }
    ChainAnchors anchors = ChainAnchors.of(certificates(chain).certificates());
    if (anchor.equals("issuer")) {
      return anchors.issuer();
    }
    try {
      return anchors.root();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          chain + ": " + e.getMessage() + "; add it or use --anchor issuer", e);
    }
  }

  /** RFC 7671 8.1 current + next: the next key is published before it has a certificate. */
  private TlsaRecord next(int u, int s, int m, TlsaRecord current) throws IOException {
    if (s == 0) {
      throw new IllegalArgumentException(
          "--next-key needs --selector 1: the next key has no certificate yet (RFC 7671 8.1)");
    }
    PemBundle bundle = PemBundle.read(nextKey);
    byte[] spki =
        bundle.hasKey()
            ? bundle.subjectPublicKeyInfo()
            : TlsaGenerator.subjectPublicKeyInfo(certificates(nextKey).leafCertificate());
    TlsaRecord next = TlsaGenerator.forSubjectPublicKeyInfo(spki, u, m);
    if (next.equals(current)) {
      throw new IllegalArgumentException(nextKey + " holds the current key, not a new one");
    }
    return next;
  }

  /** RFC 7671 8.1 current + issuer: the CA that signed the server's certificate. */
  private X509Certificate issuer() throws IOException {
    List<X509Certificate> bundle = certificates(withIssuer).certificates();
    if (cert != null) {
      return ChainAnchors.forLeaf(certificates(cert).leafCertificate(), bundle).issuer();
    }
    ChainAnchors anchors = ChainAnchors.of(bundle);
    byte[] spki = keys(key).subjectPublicKeyInfo();
    if (anchors.leaf().isPresent()
        && !Arrays.equals(TlsaGenerator.subjectPublicKeyInfo(anchors.leaf().get()), spki)) {
      throw new IllegalArgumentException(
          "the server certificate in " + withIssuer + " is not for the key in " + key);
    }
    return anchors.issuer();
  }

  private static PemBundle certificates(Path file) throws IOException {
    PemBundle bundle = PemBundle.read(file);
    if (bundle.certificates().isEmpty()) {
      throw new IllegalArgumentException(
          file
              + " holds no PEM certificate"
              + (bundle.hasKey() ? " (it holds a key: use --key)" : ""));
    }
    return bundle;
  }

  private static PemBundle keys(Path file) throws IOException {
    PemBundle bundle = PemBundle.read(file);
    if (!bundle.hasKey()) {
      throw new IllegalArgumentException(
          file
              + " holds no private or public key"
              + (bundle.certificates().isEmpty() ? "" : " (it holds a certificate: use --cert)"));
    }
    return bundle;
  }

  private String hostName() {
    try {
      return TlsaLine.normalize(host);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--host: " + e.getMessage(), e);
    }
  }

  private static int number(String option, String text, int min, int max, String rule, String why) {
    boolean digits = text != null && text.matches("\\d{1,5}");
    if (!digits || Integer.parseInt(text) < min || Integer.parseInt(text) > max) {
      throw new IllegalArgumentException(option + " " + rule + ", got '" + text + "'" + why);
    }
    return Integer.parseInt(text);
  }
}
