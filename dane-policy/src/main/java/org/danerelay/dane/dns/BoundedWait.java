package org.danerelay.dane.dns;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.xbill.DNS.Message;

/**
 * Waits, within a limit, for one answer from a resolver: an interruption, an error or the limit
 * running out becomes a failed (INDETERMINATE) link, never an exception.
 */
final class BoundedWait {

  private BoundedWait() {}

  /**
   * @param timeoutReason what a failed link says when the limit ran out
   * @param onAnswer what the answer means, once it came
   */
  static LinkAnswer answer(
      CompletionStage<Message> pending,
      long waitMillis,
      String timeoutReason,
      Function<Message, LinkAnswer> onAnswer) {
    Message response;
    try {
      response = pending.toCompletableFuture().get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return LinkAnswer.failed(Security.INDETERMINATE, "interrupted");
    } catch (ExecutionException e) {
      return LinkAnswer.failed(Security.INDETERMINATE, String.valueOf(e.getCause().getMessage()));
    } catch (TimeoutException e) {
      return LinkAnswer.failed(Security.INDETERMINATE, timeoutReason);
    }
    return onAnswer.apply(response);
  }
}
