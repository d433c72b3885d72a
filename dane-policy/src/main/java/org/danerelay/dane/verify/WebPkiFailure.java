package org.danerelay.dane.verify;

/**
 * Why a certificate failed WebPKI validation, named as RFC 8460 4.3 names TLSRPT result types, so
 * that the log and a report say the same.
 */
public enum WebPkiFailure {
  /** No name of the leaf matches the MX host name (RFC 8460 4.3.2). */
  CERTIFICATE_HOST_MISMATCH("certificate-host-mismatch"),
  /** A certificate of the chain is past its notAfter (RFC 8460 4.3.2). */
  CERTIFICATE_EXPIRED("certificate-expired"),
  /** The chain does not lead to a trusted root, or breaks a constraint (RFC 8460 4.3.2). */
  CERTIFICATE_NOT_TRUSTED("certificate-not-trusted"),
  /** Anything else, such as no certificate at all (RFC 8460 4.3.4). */
  VALIDATION_FAILURE("validation-failure");

  private final String resultType;

  WebPkiFailure(String resultType) {
    this.resultType = resultType;
  }

  /** The TLSRPT {@code result-type}: {@code certificate-expired}, ... */
  public String resultType() {
    return resultType;
  }
}
