package org.danerelay.server.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.danerelay.server.config.Cidr;
import org.danerelay.server.smtp.wire.ClientConnection;
import org.danerelay.server.smtp.wire.CommandLineInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.internal.proxy.ProxyHandler;
import org.subethamail.smtp.internal.proxy.ProxyProtocolV1V2Handler;
import org.subethamail.smtp.server.Session;

/**
 * The PROXY protocol header (v1 or v2, HAProxy's) that a listed proxy sends before the session, so
 * that the real client's address decides relaying and limits.
 *
 * <p>Only connections from {@code smtpd.proxy-protocol.from} must and may send one: anyone else
 * could claim any address. SubEthaSMTP parses the header; this decides who may send it.
 */
final class ProxyHeader implements ProxyHandler {

  private static final Logger log = LoggerFactory.getLogger(ProxyHeader.class);

  private final List<Cidr> proxies;

  ProxyHeader(List<Cidr> proxies) {
    this.proxies = List.copyOf(proxies);
  }

  @Override
  public ProxyResult handle(InputStream in, OutputStream out, Session session) throws IOException {
    InetAddress peer = session.getRealRemoteAddress().getAddress();
    if (proxies.stream().noneMatch(proxy -> proxy.contains(peer))) {
      return ProxyResult.NOP;
    }
    // The v2 header is binary: it must reach the parser as it comes, not as command lines.
    CommandLineInput commands = ClientConnection.of(session.getSocket()).commands();
    commands.startProxyHeader();
    try {
      ProxyResult result = ProxyProtocolV1V2Handler.INSTANCE.handle(in, out, session);
      if (result.isSuccess() && !result.isNOP()) {
        log.info("[{}] via proxy [{}]", address(result.getProxiedAddress()), peer.getHostAddress());
      }
      return result;
    } catch (IOException e) {
      // The proxy is ours and broken, or not a proxy: a reply, not a stack trace.
      log.warn("proxy [{}] sent no valid PROXY header: {}", peer.getHostAddress(), e.getMessage());
      return ProxyResult.FAIL;
    } finally {
      commands.endProxyHeader();
    }
  }

  private static String address(InetSocketAddress address) {
    return address == null ? "unknown" : address.getAddress().getHostAddress();
  }
}
