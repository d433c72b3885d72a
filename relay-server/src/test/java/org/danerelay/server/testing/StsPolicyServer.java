package org.danerelay.server.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTPS server on loopback for MTA-STS policy hosts (RFC 8461 3.3) and TLSRPT posts (RFC
 * 8460 5.4): answers each {@code Host} as the test set it (a policy body, another status, a
 * redirect), records what it was sent, and counts requests per host.
 */
public final class StsPolicyServer implements AutoCloseable {

  /** One request as received. */
  public record Request(String host, String method, String path, String contentType, byte[] body) {}

  private record Answer(int status, String contentType, String body) {}

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Channel channel;

  private StsPolicyServer(InetAddress bind, int port, SslContext tls) throws InterruptedException {
    channel =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(tls.newHandler(ch.alloc()))
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(1 << 20))
                        .addLast(new Responder());
                  }
                })
            .bind(new InetSocketAddress(bind, port))
            .sync()
            .channel();
  }

  /**
   * Serves HTTPS on {@code bind}:{@code port} (0 for any free port) with this certificate chain,
   * leaf first.
   */
  public static StsPolicyServer start(
      InetAddress bind, int port, PrivateKey key, X509Certificate... chain) throws Exception {
    return new StsPolicyServer(bind, port, SslContextBuilder.forServer(key, chain).build());
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Answers {@code host} with 200 and this {@code text/plain} policy. */
  public void serve(String host, String policy) {
    answer(host, 200, "text/plain; charset=utf-8", policy);
  }

  /** Answers {@code host} with any status, media type and body. */
  public void answer(String host, int status, String contentType, String body) {
    answers.put(host.toLowerCase(Locale.ROOT), new Answer(status, contentType, body));
  }

  /** The requests received so far, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** How many requests named {@code host}. */
  public long requestsFor(String host) {
    return requests.stream().filter(r -> r.host().equalsIgnoreCase(host)).count();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  private final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      String host = request.headers().get(HttpHeaderNames.HOST, "").replaceFirst(":\\d+$", "");
      byte[] body = new byte[request.content().readableBytes()];
      request.content().getBytes(request.content().readerIndex(), body);
      requests.add(
          new Request(
              host,
              request.method().name(),
              request.uri(),
              request.headers().get(HttpHeaderNames.CONTENT_TYPE, ""),
              body));
      Answer answer =
          answers.getOrDefault(
              host.toLowerCase(Locale.ROOT), new Answer(404, "text/plain", "not found"));
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.valueOf(answer.status()),
              Unpooled.copiedBuffer(answer.body(), StandardCharsets.UTF_8));
      response
          .headers()
          .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
          .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
      if (answer.status() / 100 == 3) {
        response.headers().set(HttpHeaderNames.LOCATION, "https://elsewhere.test/");
      }
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
