package org.danerelay.server.smtp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.server.Session;

/** Reads what a SubEthaSMTP session knows about its client: address, TLS, authentication. */
final class SessionFacts {

  private SessionFacts() {}

  static InetAddress clientAddress(MessageContext context) {
    return ((InetSocketAddress) context.getRemoteAddress()).getAddress();
  }

  static boolean authenticated(MessageContext context) {
    return context.getAuthenticationHandler().isPresent();
  }

  static String helo(MessageContext context) {
    return context.getHelo().orElse("unknown");
  }

  /** The TLS session, when STARTTLS has completed on this connection. */
  static Optional<SSLSession> tls(MessageContext context) {
    if (context instanceof Session session && session.getSocket() instanceof SSLSocket socket) {
      return Optional.of(socket.getSession());
    }
    return Optional.empty();
  }

  /** {@code TLSv1.3:TLS_AES_256_GCM_SHA384}, or empty without TLS. */
  static Optional<String> tlsDescription(MessageContext context) {
    return tls(context).map(s -> s.getProtocol() + ":" + s.getCipherSuite());
  }

  /** The RFC 3848 "with" keyword for the Received header. */
  static String protocol(MessageContext context) {
    return "ESMTP" + (tls(context).isPresent() ? "S" : "") + (authenticated(context) ? "A" : "");
  }
}
