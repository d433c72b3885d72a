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
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SniHandler;
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
import javax.net.ssl.SSLException;

/**
 * A real HTTPS server on loopback for MTA-STS policy hosts (RFC 8461 3.3) and TLSRPT posts (RFC
 * 8460 5.4): answers each {@code Host} as the test set it (a policy body, another status, a
 * redirect, silence), presents the certificate set for the name the client asked for by SNI,
 * records what it was sent, and counts requests per host. Everything can be changed while it runs.
 */
public final class StsPolicyServer implements AutoCloseable {

  /**
   * One request as received.
   *
   * @param serverName the SNI name the client sent, empty when none
   */
  public record Request(
      String host,
      String method,
      String path,
      String contentType,
      byte[] body,
      String serverName) {}

  /** An answer; {@code stall} takes the request and never answers. */
  private record Answer(
      int status, String contentType, String body, String location, boolean stall) {}

  private static final Answer NOT_FOUND = new Answer(404, "text/plain", "not found", "", false);

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Map<String, SslContext> certificates = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final SslContext defaultCertificate;
  private final Channel channel;

  private StsPolicyServer(InetAddress bind, int port, SslContext defaultCertificate)
      throws InterruptedException {
    this.defaultCertificate = defaultCertificate;
    channel =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new SniHandler(StsPolicyServer.this::certificateFor))
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
   * leaf first, for every name not given its own by {@link #certificate}.
   */
  public static StsPolicyServer start(
      InetAddress bind, int port, PrivateKey key, X509Certificate... chain) throws Exception {
    return new StsPolicyServer(bind, port, context(key, chain));
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Presents this chain, leaf first, to clients that ask for {@code host} by SNI. */
  public void certificate(String host, PrivateKey key, X509Certificate... chain)
      throws SSLException {
    certificates.put(host.toLowerCase(Locale.ROOT), context(key, chain));
  }

  /** Answers {@code host} with 200 and this {@code text/plain} policy. */
  public void serve(String host, String policy) {
    answer(host, 200, "text/plain; charset=utf-8", policy);
  }

  /**
   * Answers {@code host} with any status, media type and body; a 3xx names {@code
   * https://elsewhere.test/} as its {@code Location}.
   */
  public void answer(String host, int status, String contentType, String body) {
    String location = status / 100 == 3 ? "https://elsewhere.test/" : "";
    answers.put(key(host), new Answer(status, contentType, body, location, false));
  }

  /** Answers {@code host} with a 301 to {@code location}, the body a policy-looking text. */
  public void redirect(String host, String location) {
    answers.put(key(host), new Answer(301, "text/plain", "version: STSv1\n", location, false));
  }

  /** Takes requests for {@code host} after the TLS handshake and never answers them. */
  public void stall(String host) {
    answers.put(key(host), new Answer(0, "", "", "", true));
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

  private SslContext certificateFor(String serverName) {
    return serverName == null
        ? defaultCertificate
        : certificates.getOrDefault(serverName.toLowerCase(Locale.ROOT), defaultCertificate);
  }

  private static SslContext context(PrivateKey key, X509Certificate... chain) throws SSLException {
    return SslContextBuilder.forServer(key, chain).build();
  }

  private static String key(String host) {
    return host.toLowerCase(Locale.ROOT);
  }

  private final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
    private String serverName = "";

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
      if (event instanceof SniCompletionEvent sni && sni.hostname() != null) {
        serverName = sni.hostname();
      }
      super.userEventTriggered(ctx, event);
    }

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
              body,
              serverName));
      Answer answer = answers.getOrDefault(key(host), NOT_FOUND);
      if (answer.stall()) {
        return; // the connection stays open until the client gives up or the server closes
      }
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.valueOf(answer.status()),
              Unpooled.copiedBuffer(answer.body(), StandardCharsets.UTF_8));
      response
          .headers()
          .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
          .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
      if (!answer.location().isEmpty()) {
        response.headers().set(HttpHeaderNames.LOCATION, answer.location());
      }
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
