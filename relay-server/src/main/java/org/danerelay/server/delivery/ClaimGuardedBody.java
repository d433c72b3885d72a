package org.danerelay.server.delivery;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.danerelay.queue.ClaimedRecipient;
import org.danerelay.queue.DueRecipients;
import org.danerelay.queue.MessageQueue;

/**
 * A message body that ends only while its worker still holds the claim on its recipients.
 *
 * <p>On a queue that several nodes share, a node cut off from the database cannot renew its leases,
 * and once they run out another node may claim the same recipients. The end of the body is the last
 * moment to keep both from delivering: the SMTP client sends the final dot only after the body
 * ended, so a body that fails there instead makes the client drop the connection, and the next hop
 * discards the message (RFC 5321 4.1.1.4). The attempt is then deferred, never delivered twice.
 */
final class ClaimGuardedBody extends FilterInputStream {

  private final MessageQueue queue;
  private final DueRecipients claim;
  private final List<ClaimedRecipient> recipients;
  private final Duration margin;

  /**
   * @param recipients those of the claim this transaction is for: the ones still pending
   * @param margin lease time that must be left at the end of the body: enough for two renewals to
   *     have failed before a worker stops trusting its claim
   */
  ClaimGuardedBody(
      InputStream body,
      MessageQueue queue,
      DueRecipients claim,
      List<ClaimedRecipient> recipients,
      Duration margin) {
    super(body);
    this.queue = queue;
    this.claim = claim;
    this.recipients = List.copyOf(recipients);
    this.margin = margin;
  }

  @Override
  public int read() throws IOException {
    return ended(super.read());
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    return ended(super.read(buffer, offset, length));
  }

  private int ended(int result) throws IOException {
    if (result < 0 && !queue.stillHeld(claim, recipients, margin)) {
      throw new IOException(
          "the claim on "
              + claim.messageId()
              + " could not be renewed (the queue database is out of reach): not ending the"
              + " DATA, so that no other node delivers it twice");
    }
    return result;
  }
}
