package org.danerelay.server.outbound.smtp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelProgressiveFuture;
import io.netty.channel.ChannelProgressiveFutureListener;
import io.netty.channel.ChannelProgressivePromise;
import java.io.InputStream;

/**
 * Streams one message's content after the 354, dot-stuffed and ended with the final dot, telling
 * the session of each chunk that went out (its timer measures progress, RFC 5321 4.5.3.2.5) and of
 * the end.
 */
final class ContentTransfer {

  /** What the session hears while the content goes out; called on the event loop. */
  interface Listener {
    void progressed();

    /**
     * @param failure why the content could not be sent, or null when all of it went out
     */
    void finished(Throwable failure);
  }

  private ContentTransfer() {}

  static void send(ChannelHandlerContext ctx, InputStream content, Listener listener) {
    ChannelProgressivePromise sent = ctx.newProgressivePromise();
    sent.addListener(
        new ChannelProgressiveFutureListener() {
          @Override
          public void operationProgressed(ChannelProgressiveFuture f, long progress, long total) {
            listener.progressed();
          }

          @Override
          public void operationComplete(ChannelProgressiveFuture f) {
            listener.finished(f.isSuccess() ? null : f.cause());
          }
        });
    ctx.writeAndFlush(new DotStuffingInput(content), sent);
  }
}
