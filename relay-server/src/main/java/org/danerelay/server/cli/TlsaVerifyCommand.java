package org.danerelay.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.Properties;
import org.danerelay.dane.tlsa.TlsaRecord;
import org.danerelay.dane.verify.DaneVerdict;
import org.danerelay.dane.verify.DaneVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code danerelay tlsa verify}: checks a PEM certificate chain against TLSA records offline, as
 * the relay would when delivering (RFC 7672 3), so operators can test records before publishing.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check a certificate chain against TLSA records as DANE for SMTP does (RFC 7672).",
      "Exit 0: verified; 1: not verified; 2: bad input."
    })
final class TlsaVerifyCommand implements Callable<Integer> {

  private static final int VERIFIED = 0;
  private static final int NOT_VERIFIED = 1;
  private static final int BAD_INPUT = 2;

  /** Lets Bouncy Castle parse certificates with an empty issuer (anonymous DANE-EE leaves). */
  private static final String ALLOW_EMPTY_ISSUER = "org.bouncycastle.x509.allow_empty_issuer_cert";

  @Spec CommandSpec spec;

  @Option(
      names = "--chain",
      paramLabel = "CHAIN.pem",
      description = "The server's certificates in PEM, leaf first, as the server sends them.")
  Path chainFile;

  @Option(
      names = "--tlsa",
      paramLabel = "'U S M HEX'",
      description = "A TLSA record in presentation form, e.g. '3 1 1 0A1B...'; repeatable.")
  List<String> tlsa = new ArrayList<>();

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "A reference identifier (TLSA base domain, MX host name); repeatable.")
  List<String> names = new ArrayList<>();

  @Option(
      names = "--at",
      paramLabel = "INSTANT",
      description = "The time to check validity at, ISO-8601 (2025-06-01T12:00:00Z); default now.")
  String at;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      List<X509Certificate> chain = readChain();
      List<TlsaRecord> records = parseRecords();
      if (names.isEmpty()) {
        throw new BadInput("give at least one --name (the host's reference identifier)");
      }
      Instant now = parseInstant();
      DaneVerdict verdict = new DaneVerifier().verify(chain, records, names, now);
      PrintWriter out = spec.commandLine().getOut();
      if (verdict instanceof DaneVerdict.Authenticated ok) {
        out.println(
            "verified: "
                + ok.matched()
                + " matched at depth "
                + ok.depth()
                + " ("
                + ok.how()
                + ")");
        out.flush();
        return VERIFIED;
      }
      out.println("not verified: " + ((DaneVerdict.NotAuthenticated) verdict).reason());
      out.flush();
      return NOT_VERIFIED;
    } catch (BadInput e) {
      err.println("danerelay: " + e.getMessage());
      err.flush();
      return BAD_INPUT;
    }
  }

  private List<TlsaRecord> parseRecords() throws BadInput {
    if (tlsa.isEmpty()) {
      throw new BadInput("give at least one --tlsa record, e.g. --tlsa '3 1 1 <hex>'");
    }
    List<TlsaRecord> records = new ArrayList<>();
    for (String text : tlsa) {
      try {
        records.add(TlsaRecord.parse(text));
      } catch (IllegalArgumentException e) {
        throw new BadInput("--tlsa '" + text + "': " + e.getMessage());
      }
    }
    return records;
  }

  private Instant parseInstant() throws BadInput {
    if (at == null) {
      return Instant.now();
    }
    try {
      return Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw new BadInput("--at '" + at + "' is not an ISO-8601 instant like 2025-06-01T12:00:00Z");
    }
  }

  /**
   * Reads every certificate in the file, in file order. Bouncy Castle's parser, allowed an empty
   * issuer for this thread only, accepts the anonymous leaves that DANE-EE can still pin.
   */
  private List<X509Certificate> readChain() throws BadInput {
    if (chainFile == null) {
      throw new BadInput("give the server's chain with --chain CHAIN.pem");
    }
    List<X509Certificate> chain = new ArrayList<>();
    Properties.setThreadOverride(ALLOW_EMPTY_ISSUER, true);
    try (Reader reader = Files.newBufferedReader(chainFile);
        PEMParser parser = new PEMParser(reader)) {
      JcaX509CertificateConverter converter =
          new JcaX509CertificateConverter().setProvider(new BouncyCastleProvider());
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof X509CertificateHolder holder) {
          chain.add(converter.getCertificate(holder));
        }
      }
    } catch (NoSuchFileException e) {
      throw new BadInput(chainFile + ": no such file");
    } catch (AccessDeniedException e) {
      throw new BadInput(chainFile + ": permission denied");
    } catch (IOException | CertificateException | RuntimeException e) {
      throw new BadInput(chainFile + ": not a readable PEM certificate file: " + e.getMessage());
    } finally {
      Properties.removeThreadOverride(ALLOW_EMPTY_ISSUER);
    }
    if (chain.isEmpty()) {
      throw new BadInput(chainFile + ": no certificate found");
    }
    return chain;
  }

  /** Input the command cannot work with: reported on one line, exit 2. */
  private static final class BadInput extends Exception {
    BadInput(String message) {
      super(message);
    }
  }
}
