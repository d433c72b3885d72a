package org.danerelay.server.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Reads certificate chains and private keys from PEM files, naming the file in every error. */
public final class PemFiles {

  private PemFiles() {}

  /** Reads every certificate in {@code file}, in file order (leaf first by convention). */
  public static List<X509Certificate> readCertificates(Path file) throws IOException {
    List<X509Certificate> chain = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file);
        PEMParser parser = new PEMParser(reader)) {
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof X509CertificateHolder holder) {
          chain.add(converter.getCertificate(holder));
        }
      }
    } catch (CertificateException | IOException | RuntimeException e) {
      throw failure(file, "certificate", e);
    }
    if (chain.isEmpty()) {
      throw new IOException(file + ": no certificate found");
    }
    return chain;
  }

  /** Reads the first private key in {@code file}: PKCS#8, PKCS#1 (RSA) or SEC 1 (EC). */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file);
        PEMParser parser = new PEMParser(reader)) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (item instanceof PEMKeyPair pair) {
          return converter.getKeyPair(pair).getPrivate();
        }
      }
    } catch (IOException | RuntimeException e) {
      throw failure(file, "key", e);
    }
    throw new IOException(file + ": no unencrypted private key found");
  }

  /**
   * The reader's own IOExceptions (bytes that are not UTF-8, truncated DER, bad base64) say nothing
   * of which file they came from, so every failure is reported here with the file first.
   */
  private static IOException failure(Path file, String what, Exception e) {
    if (e instanceof NoSuchFileException) {
      return new IOException(file + ": no such file", e);
    }
    String reason =
        e instanceof CharacterCodingException
            ? "not PEM text (a DER file? convert it with openssl to PEM)"
            : e.getMessage();
    return new IOException(file + ": not a valid PEM " + what + " file: " + reason, e);
  }
}
