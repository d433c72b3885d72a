package org.danerelay.dane.verify;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import org.danerelay.dane.tlsa.TlsaRecord;

/**
 * Makes the TLSA record that a usage, selector and matching type give for a certificate, computed
 * independently of the code under test (JDK encodings and digests).
 */
final class Tlsa {

  private Tlsa() {}

  static TlsaRecord of(int usage, int selector, int matchingType, X509Certificate cert) {
    try {
      byte[] selected = selector == 0 ? cert.getEncoded() : cert.getPublicKey().getEncoded();
      byte[] data =
          switch (matchingType) {
            case 0 -> selected;
            case 1 -> MessageDigest.getInstance("SHA-256").digest(selected);
            case 2 -> MessageDigest.getInstance("SHA-512").digest(selected);
            default -> throw new IllegalArgumentException("matching type " + matchingType);
          };
      return new TlsaRecord(usage, selector, matchingType, data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The same record with its last data byte flipped: a record that matches nothing. */
  static TlsaRecord wrong(TlsaRecord record) {
    byte[] data = record.data();
    data[data.length - 1] ^= 1;
    return new TlsaRecord(record.usage(), record.selector(), record.matchingType(), data);
  }
}
