package org.danerelay.server.sts;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509TrustManager;
import org.danerelay.dane.dns.DnsLookup;

/**
 * Makes single HTTPS requests over Netty, each on its own connection, to a host resolved through
 * the relay's own DNS (Java 17's HttpClient can only use the system resolver): TLS 1.2 or later
 * (RFC 8461 7.2), SNI, the server's certificate checked by PKIX and for the host name, no redirect
 * followed, the response bounded in size and time. For MTA-STS policy fetches (RFC 8461 3.3) and
 * TLSRPT posts (RFC 8460 5.4). Safe for concurrent use.
 */
public final class HttpsClient {

  private final EventLoopGroup group;
  private final DnsLookup dns;
  private final SslContext tls;
  private final Duration connectTimeout;
  private final Duration overallTimeout;

  /**
   * @param group the event loops to run on; the caller shuts them down
   * @param dns the relay's resolver; its lookups run on the caller's thread, so do not call {@link
   *     #exchange} on an event loop
   * @param trust the roots server certificates must chain to ({@link WebPkiTrust})
   * @param connectTimeout per address tried
   * @param overallTimeout for the whole request after the lookups: connections, handshake and
   *     response together
   */
  public HttpsClient(
      EventLoopGroup group,
      DnsLookup dns,
      X509TrustManager trust,
      Duration connectTimeout,
      Duration overallTimeout)
      throws SSLException {
    if (connectTimeout.isNegative()
        || connectTimeout.isZero()
        || overallTimeout.isNegative()
        || overallTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    this.group = group;
    this.dns = dns;
    // RFC 8461 3.3: the certificate must be valid for the host (RFC 6125) and chain to a trusted
    // root; "HTTPS" identification is Netty 4.2's client default, named here so it stays on.
    this.tls =
        SslContextBuilder.forClient()
            .protocols("TLSv1.3", "TLSv1.2")
            .trustManager(trust)
            .endpointIdentificationAlgorithm("HTTPS")
            .build();
    this.connectTimeout = connectTimeout;
    this.overallTimeout = overallTimeout;
  }

  /** Sends the request; the future always completes normally, with a response or why not. */
  public CompletableFuture<HttpsOutcome> exchange(HttpsRequest request) {
    CompletableFuture<HttpsOutcome> outcome = new CompletableFuture<>();
    HostAddresses resolved = HostAddresses.resolve(dns, request.host());
    if (resolved.addresses().isEmpty()) {
      outcome.complete(new HttpsOutcome.Failed(false, resolved.whyNone()));
      return outcome;
    }
    List<InetAddress> addresses = resolved.addresses();
    AtomicReference<Channel> channel = new AtomicReference<>();
    var timer =
        group
            .next()
            .schedule(
                () -> {
                  if (outcome.complete(
                      new HttpsOutcome.Failed(
                          false, "no response within " + human(overallTimeout)))) {
                    Channel open = channel.get();
                    if (open != null) {
                      open.close();
                    }
                  }
                },
                overallTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
    outcome.whenComplete((done, error) -> timer.cancel(false));
    connect(request, addresses, 0, outcome, channel);
    return outcome;
  }

  private void connect(
      HttpsRequest request,
      List<InetAddress> addresses,
      int index,
      CompletableFuture<HttpsOutcome> outcome,
      AtomicReference<Channel> channel) {
    InetAddress address = addresses.get(index);
    ChannelFuture connected =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
            .handler(pipeline(request, outcome))
            .connect(new InetSocketAddress(address, request.port()));
    channel.set(connected.channel());
    connected.addListener(
        done -> {
          if (outcome.isDone()) {
            connected.channel().close();
          } else if (done.isSuccess()) {
            // SslHandler holds the request until the handshake is done.
            connected.channel().writeAndFlush(httpRequest(request));
          } else if (index + 1 < addresses.size()) {
            connect(request, addresses, index + 1, outcome, channel);
          } else {
            outcome.complete(
                new HttpsOutcome.Failed(
                    false,
                    "cannot connect to "
                        + request.host()
                        + " ["
                        + address.getHostAddress()
                        + "]:"
                        + request.port()
                        + ": "
                        + HttpsFailures.rootMessage(done.cause())));
          }
        });
  }

  private ChannelInitializer<SocketChannel> pipeline(
      HttpsRequest request, CompletableFuture<HttpsOutcome> outcome) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        SslHandler handler = tls.newHandler(ch.alloc(), request.host(), request.port());
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(request.host())));
        engine.setSSLParameters(parameters);
        ch.pipeline()
            .addLast(handler)
            .addLast(new HttpClientCodec())
            .addLast(new HttpObjectAggregator(request.responseLimit()))
            .addLast(new HttpsResponseHandler(outcome, request.responseLimit()));
      }
    };
  }

  private static FullHttpRequest httpRequest(HttpsRequest request) {
    byte[] content = request.body().map(HttpsRequest.Body::content).orElse(new byte[0]);
    FullHttpRequest http =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.valueOf(request.method()),
            request.path(),
            Unpooled.wrappedBuffer(content));
    http.headers()
        .set(HttpHeaderNames.HOST, request.host())
        .set(HttpHeaderNames.USER_AGENT, "DaneRelay")
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    request
        .body()
        .ifPresent(
            body ->
                http.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, body.contentType())
                    .set(HttpHeaderNames.CONTENT_LENGTH, content.length));
    return http;
  }

  /** "30s", or "250ms" below a second: for reasons a person reads. */
  static String human(Duration duration) {
    return duration.toMillis() < 1000 && !duration.isZero()
        ? duration.toMillis() + "ms"
        : duration.toSeconds() + "s";
  }
}
