/**
 * Checks at {@code RCPT TO} that a recipient of {@code local.domains} exists, so that mail for an
 * unknown mailbox is refused in the session instead of bounced later to a sender nobody checked
 * (backscatter).
 *
 * <p>{@link org.danerelay.server.verify.LocalRecipientCheck} is the one hook the SMTP server calls.
 * Behind it either the {@code local.recipients} file decides ({@link
 * org.danerelay.server.verify.RecipientListFile}), or {@code local.forward} is asked the way
 * Postfix's address verification does ({@link org.danerelay.server.verify.SmtpCallout}), with
 * answers remembered ({@link org.danerelay.server.verify.VerdictCache}) and concurrent questions
 * about one address asked once ({@link org.danerelay.server.verify.CachedCallout}).
 *
 * <p>Outcomes are {@link org.danerelay.server.verify.RecipientVerdict} values: exists, unknown
 * ({@code 550 5.1.1}), or unverified ({@code 450 4.1.1}: down, too slow, 4xx). A remembered
 * existing address outlives an outage of {@code local.forward} up to {@code
 * local.verify.positive-expire}, so known mailboxes keep receiving mail while the mailbox server is
 * down, which is what an inbound MX is for.
 */
package org.danerelay.server.verify;
