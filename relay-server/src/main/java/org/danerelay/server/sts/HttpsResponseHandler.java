package org.danerelay.server.sts;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLPeerUnverifiedException;

/** Completes one request's outcome with the response, or with why there is none. */
final class HttpsResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

  private final CompletableFuture<HttpsOutcome> outcome;

  HttpsResponseHandler(CompletableFuture<HttpsOutcome> outcome) {
    this.outcome = outcome;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
    String contentType = response.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    outcome.complete(
        new HttpsOutcome.Response(
            response.status().code(), contentType, ByteBufUtil.getBytes(response.content())));
    ctx.close();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    outcome.complete(new HttpsOutcome.Failed(isCertificate(cause), rootMessage(cause)));
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    outcome.complete(new HttpsOutcome.Failed(false, "connection closed before a response"));
    super.channelInactive(ctx);
  }

  /** Whether the TLS handshake failed on the server's certificate (RFC 8460 sts-webpki-invalid). */
  private static boolean isCertificate(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CertificateException
          || t instanceof CertPathValidatorException
          || t instanceof SSLPeerUnverifiedException) {
        return true;
      }
    }
    return false;
  }

  /** The innermost message, for a reason a person can read. */
  static String rootMessage(Throwable cause) {
    Throwable root = cause;
    for (int depth = 0; depth < 10 && root.getCause() != null && root.getCause() != root; depth++) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
