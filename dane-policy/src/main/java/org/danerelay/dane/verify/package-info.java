/**
 * DANE authentication of a TLS server's certificate chain against TLSA records (RFC 7672 3, RFC
 * 7671): one pure verifier, and a JSSE trust manager that applies it during the handshake. Knows
 * nothing of DNS lookups or Netty; the caller supplies the records and reference identifiers.
 */
package org.danerelay.dane.verify;
