package org.danerelay.server.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A receiving SMTP server on port 25 of a loopback address (SubEthaSMTP): STARTTLS with one or more
 * identities, the key chosen by the client's signature algorithms as any TLS 1.3 server does, or no
 * STARTTLS at all. It counts its connections; it never needs to accept mail.
 */
public final class StarttlsPeer implements AutoCloseable {

  private final SMTPServer server;
  private final AtomicInteger tlsSessions = new AtomicInteger();

  private final String[] protocols;

  private StarttlsPeer(
      InetAddress bind, int port, String[] protocols, ServerIdentity... identities) {
    this.protocols = protocols.clone();
    SMTPServer.Builder builder =
        SMTPServer.port(port)
            .bindAddress(bind)
            .hostName("peer.test")
            .softwareName("StarttlsPeer")
            .messageHandlerFactory(context -> new Refuser())
            .enableTLS(identities.length > 0);
    if (identities.length > 0) {
      SSLContext context = context(identities);
      builder.startTlsSocketFactory(socket -> wrap(context, socket));
    }
    server = builder.build();
    server.start();
  }

  /** Offers STARTTLS on {@code bind} port 25 with every identity given. */
  public static StarttlsPeer at(InetAddress bind, ServerIdentity... identities) {
    if (identities.length == 0) {
      throw new IllegalArgumentException("a TLS peer needs an identity");
    }
    return new StarttlsPeer(bind, 25, new String[] {"TLSv1.3", "TLSv1.2"}, identities);
  }

  /** Like {@link #at}, on another port. */
  public static StarttlsPeer atPort(InetAddress bind, int port, ServerIdentity... identities) {
    return new StarttlsPeer(bind, port, new String[] {"TLSv1.3", "TLSv1.2"}, identities);
  }

  /** Like {@link #at}, but speaking TLS 1.2 only, where the cipher suite decides the key. */
  public static StarttlsPeer tls12At(InetAddress bind, ServerIdentity... identities) {
    return new StarttlsPeer(bind, 25, new String[] {"TLSv1.2"}, identities);
  }

  /** Offers no STARTTLS, on {@code bind} port 25. */
  public static StarttlsPeer withoutStarttls(InetAddress bind) {
    return new StarttlsPeer(bind, 25, new String[0]);
  }

  /** TLS handshakes started so far. */
  public int tlsSessions() {
    return tlsSessions.get();
  }

  @Override
  public void close() {
    server.stop();
  }

  private SSLSocket wrap(SSLContext context, Socket socket) throws IOException {
    tlsSessions.incrementAndGet();
    SSLSocket tls =
        (SSLSocket)
            context
                .getSocketFactory()
                .createSocket(
                    socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
    tls.setUseClientMode(false);
    tls.setEnabledProtocols(protocols);
    return tls;
  }

  private static SSLContext context(ServerIdentity... identities) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] noPassword = new char[0];
      for (int i = 0; i < identities.length; i++) {
        store.setKeyEntry(
            "key" + i,
            identities[i].keys().getPrivate(),
            noPassword,
            new X509Certificate[] {identities[i].cert()});
      }
      KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
      factory.init(store, noPassword);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(factory.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The check never sends mail; anything that comes is refused. */
  private static final class Refuser implements MessageHandler {
    @Override
    public void from(String from) throws org.subethamail.smtp.RejectException {
      throw new org.subethamail.smtp.RejectException(550, "5.7.1 this peer takes no mail");
    }

    @Override
    public void recipient(String recipient) {}

    @Override
    public String data(InputStream data) {
      return null;
    }

    @Override
    public void done() {}
  }
}
