package org.danerelay.server.sts;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.concurrent.CompletableFuture;

/** Completes one request's outcome with the response, or with why there is none. */
final class HttpsResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

  private final CompletableFuture<HttpsOutcome> outcome;
  private final int responseLimit;

  HttpsResponseHandler(CompletableFuture<HttpsOutcome> outcome, int responseLimit) {
    this.outcome = outcome;
    this.responseLimit = responseLimit;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
    if (response.decoderResult().isFailure()) {
      // HttpClientCodec reports a malformed or oversized head this way, not as an exception.
      outcome.complete(HttpsFailures.of(response.decoderResult().cause(), responseLimit));
    } else {
      String contentType = response.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
      outcome.complete(
          new HttpsOutcome.Response(
              response.status().code(), contentType, ByteBufUtil.getBytes(response.content())));
    }
    ctx.close();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    // A failed handshake closes the channel: take its cause before channelInactive says less.
    if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
      outcome.complete(HttpsFailures.of(handshake.cause(), responseLimit));
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    outcome.complete(HttpsFailures.of(cause, responseLimit));
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    outcome.complete(new HttpsOutcome.Failed(false, "connection closed before a response"));
    super.channelInactive(ctx);
  }
}
