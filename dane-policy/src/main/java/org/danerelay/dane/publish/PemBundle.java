package org.danerelay.dane.publish;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The certificates and keys in one PEM file, in file order: certificates, private keys (PKCS#8
 * {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY}) and public keys
 * ({@code PUBLIC KEY}).
 *
 * <p>Other PEM blocks ({@code EC PARAMETERS}, requests, CRLs) are skipped; text around the blocks
 * is ignored, as openssl ignores it. Encrypted private keys are refused: the tool never asks for a
 * pass phrase.
 *
 * @param source the file name, for error messages
 */
public record PemBundle(
    String source,
    List<X509Certificate> certificates,
    List<PrivateKey> privateKeys,
    List<PublicKey> publicKeys) {

  public PemBundle {
    certificates = List.copyOf(certificates);
    privateKeys = List.copyOf(privateKeys);
    publicKeys = List.copyOf(publicKeys);
  }

  /**
   * Reads {@code file}.
   *
   * @throws IOException naming the file when it cannot be read, is not PEM, or holds an encrypted
   *     key
   */
  public static PemBundle read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new IOException(file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new IOException(file + ": permission denied", e);
    } catch (IOException e) {
      // Binary (DER) input fails US-ASCII decoding: say what to do about it.
      throw new IOException(file + ": not a PEM text file (" + e.getMessage() + ")", e);
    }
    return parse(file.toString(), new StringReader(text));
  }

  /** Parses PEM text; {@code source} names it in error messages. */
  public static PemBundle parse(String source, Reader pem) throws IOException {
    List<X509Certificate> certificates = new ArrayList<>();
    List<PrivateKey> privateKeys = new ArrayList<>();
    List<PublicKey> publicKeys = new ArrayList<>();
    JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
    JcaX509CertificateConverter certs = new JcaX509CertificateConverter();
    try (PEMParser parser = new PEMParser(pem)) {
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof X509CertificateHolder holder) {
          certificates.add(certs.getCertificate(holder));
        } else if (item instanceof PrivateKeyInfo info) {
          privateKeys.add(keys.getPrivateKey(info));
        } else if (item instanceof PEMKeyPair pair) {
          // SEC1 keys may omit the public point; the private half is all we need.
          privateKeys.add(keys.getPrivateKey(pair.getPrivateKeyInfo()));
        } else if (item instanceof SubjectPublicKeyInfo info) {
          publicKeys.add(keys.getPublicKey(info));
        } else if (item instanceof PEMEncryptedKeyPair
            || item instanceof PKCS8EncryptedPrivateKeyInfo) {
          throw new IOException(
              source
                  + ": the private key is encrypted, which is not supported;"
                  + " decrypt a copy first (openssl pkey -in KEY -out PLAIN) or give the certificate");
        }
      }
    } catch (CertificateException e) {
      throw new IOException(source + ": bad certificate: " + e.getMessage(), e);
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(source + ": ")) {
        throw e;
      }
      throw new IOException(source + ": bad PEM: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // Bouncy Castle reports some malformed ASN.1 as unchecked exceptions.
      throw new IOException(source + ": bad PEM: " + e.getMessage(), e);
    }
    return new PemBundle(source, certificates, privateKeys, publicKeys);
  }

  /** Counts only: the default record form would print private key objects into logs. */
  @Override
  public String toString() {
    return "PemBundle["
        + source
        + ": "
        + certificates.size()
        + " certificate(s), "
        + privateKeys.size()
        + " private key(s), "
        + publicKeys.size()
        + " public key(s)]";
  }

  /**
   * The server certificate in the file: its only certificate, or in a full chain (any order) the
   * one that signs none of the others.
   *
   * @throws IllegalArgumentException when the file holds no certificate or not one chain
   */
  public X509Certificate leafCertificate() {
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException(source + " holds no PEM certificate");
    }
    if (certificates.size() == 1) {
      return certificates.get(0);
    }
    try {
      return ChainAnchors.of(certificates).chain().get(0);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * The one public key the file's keys stand for, as DER SubjectPublicKeyInfo: a public key as
   * written, a private key's derived (RFC 7671 8.1: a next key has no certificate yet). A file may
   * hold several keys when they are halves of one pair.
   *
   * @throws IllegalArgumentException when the file holds no key, or keys of different pairs
   */
  public byte[] subjectPublicKeyInfo() {
    List<byte[]> keys = new ArrayList<>();
    privateKeys.forEach(k -> keys.add(PublicKeyDerivation.subjectPublicKeyInfo(k)));
    publicKeys.forEach(k -> keys.add(k.getEncoded()));
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(source + " holds no private or public key");
    }
    if (keys.stream().anyMatch(k -> !Arrays.equals(k, keys.get(0)))) {
      throw new IllegalArgumentException(
          source + " holds keys of different key pairs; give a file with one");
    }
    return keys.get(0);
  }

  /** Whether the file holds a private or public key. */
  public boolean hasKey() {
    return !privateKeys.isEmpty() || !publicKeys.isEmpty();
  }

  /** Whether the file held no certificate and no key. */
  public boolean isEmpty() {
    return certificates.isEmpty() && privateKeys.isEmpty() && publicKeys.isEmpty();
  }
}
