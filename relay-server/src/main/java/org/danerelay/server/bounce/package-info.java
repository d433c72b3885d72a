/**
 * Delivery status notifications (RFC 3464): the bounce for recipients the relay gave up on and the
 * optional warning for recipients still being retried.
 *
 * <p>{@link org.danerelay.server.bounce.DsnBuilder} is a pure function from a {@link
 * org.danerelay.server.bounce.DsnRequest} to the bytes of a {@code multipart/report} message (RFC
 * 6522) and its envelope; it never touches the queue or the network. The rules it holds:
 *
 * <ul>
 *   <li>No DSN for the null reverse path and none for our own MAILER-DAEMON (RFC 5321 6.1, 4.5.5):
 *       a notification about a notification is how mail loops start.
 *   <li>The DSN itself goes out with the null reverse path, so it can never bounce back.
 *   <li>Only the original header section is returned, never the body (RET=HDRS behaviour).
 *   <li>Every value that a client or a remote server chose (HELO name, SMTP replies, original
 *       headers) is sanitized or encoded, so it cannot add header lines or MIME parts.
 *   <li>Lines end in CRLF, are at most 998 octets (RFC 5322 2.1.1) and the message is 7-bit; the
 *       one exception is a non-ASCII sender, whose address needs SMTPUTF8 anyway.
 * </ul>
 */
package org.danerelay.server.bounce;
