package org.danerelay.dane.publish;

import java.io.IOException;
import java.security.PrivateKey;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Derives the DER SubjectPublicKeyInfo that belongs to a private key.
 *
 * <p>Works on the PKCS#8 encoding with Bouncy Castle's light-weight API, so it does not depend on
 * which JCA provider made the key object.
 */
final class PublicKeyDerivation {

  private PublicKeyDerivation() {}

  static byte[] subjectPublicKeyInfo(PrivateKey key) {
    byte[] pkcs8 = key.getEncoded();
    if (pkcs8 == null) {
      throw new IllegalArgumentException(
          "the " + key.getAlgorithm() + " private key cannot be exported (a hardware key?)");
    }
    AsymmetricKeyParameter priv;
    try {
      priv = PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(pkcs8));
    } catch (IOException | RuntimeException e) {
      throw unsupported(key.getAlgorithm());
    }
    AsymmetricKeyParameter pub = publicHalf(priv, key.getAlgorithm());
    try {
      return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub)
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode the derived public key", e);
    }
  }

  private static AsymmetricKeyParameter publicHalf(AsymmetricKeyParameter priv, String algorithm) {
    if (priv instanceof RSAPrivateCrtKeyParameters rsa) {
      // PKCS#1 RSAPrivateKey carries the modulus and the public exponent.
      return new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
    }
    if (priv instanceof ECPrivateKeyParameters ec) {
      // Q = d·G; the domain parameters keep the curve's name, so the SPKI names the curve by
      // OID (uncompressed point) as certificates do.
      var q = new FixedPointCombMultiplier().multiply(ec.getParameters().getG(), ec.getD());
      return new ECPublicKeyParameters(q.normalize(), ec.getParameters());
    }
    if (priv instanceof Ed25519PrivateKeyParameters ed) {
      return ed.generatePublicKey();
    }
    if (priv instanceof Ed448PrivateKeyParameters ed) {
      return ed.generatePublicKey();
    }
    throw unsupported(algorithm);
  }

  private static IllegalArgumentException unsupported(String algorithm) {
    return new IllegalArgumentException(
        "cannot derive the public key from a "
            + algorithm
            + " private key (RSA, EC, Ed25519 and Ed448 are supported);"
            + " give the certificate or the public key instead");
  }
}
