package org.danerelay.dane.testdns;

/** How a test zone is signed, and so what a validator must conclude about its data. */
public enum ZoneKind {
  /** Signed, with a DS in the signed parent: data validates as SECURE. */
  SIGNED,
  /** Unsigned, below a signed NSEC proving there is no DS (an insecure delegation): INSECURE. */
  UNSIGNED,
  /** Signed with a key the parent's DS does not name: BOGUS (RFC 4035 5.2). */
  WRONG_KEY,
  /** Signed with the right key, but every signature expired yesterday: BOGUS (RFC 4035 5.3.1). */
  EXPIRED
}
