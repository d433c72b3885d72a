/**
 * Decides, at {@code RCPT TO}, whether a recipient is accepted for local delivery, accepted for
 * relaying, or refused, so that DaneRelay is never an open relay.
 *
 * <p>Two steps, both pure: {@link org.danerelay.server.access.PathParser} turns the raw command
 * argument into a {@link org.danerelay.server.access.Mailbox} or an {@link
 * org.danerelay.server.access.AddressRejection}; {@link
 * org.danerelay.server.access.RelayAccessPolicy} turns client, authentication and mailbox into an
 * {@link org.danerelay.server.access.AccessDecision}. Every refusal is a complete, constant SMTP
 * reply line; no reply ever echoes client input (response injection).
 *
 * <p>Decisions that shape this package:
 *
 * <ul>
 *   <li>Angle brackets are required around every path (RFC 5321 4.1.2); bare addresses get a 501
 *       that says so.
 *   <li>Source routes are refused ({@code 501 5.1.3}), not stripped as Postfix does: RFC 5321
 *       4.1.1.3 lets a server decline the relaying they imply, and refusing leaves nothing to
 *       misinterpret.
 *   <li>{@code %} and {@code !} in a local part, and {@code @ % !} or non-printable characters in a
 *       quoted local part, are refused: a downstream MTA may still honour the percent hack or a
 *       bang path and relay on our behalf (RFC 5321 2.3.11 leaves the local part to its host).
 *   <li>Address literals are refused for everyone ({@code 550 5.1.2}): they match no local domain
 *       and a literal has no MX or TLSA records, so DANE (RFC 7672) could never protect it.
 *   <li>A trailing dot, a single-label domain and an all-numeric top-level label are refused, never
 *       repaired (RFC 5321 2.3.5: fully-qualified names only).
 *   <li>Domains are compared in lower-case A-label form; non-ASCII in a path requires SMTPUTF8 (RFC
 *       6531), otherwise {@code 553 5.6.7}.
 *   <li>An IPv4-mapped IPv6 client ({@code ::ffff:a.b.c.d}) is judged as its IPv4 address.
 * </ul>
 */
package org.danerelay.server.access;
