package org.danerelay.server.tls;

import java.io.IOException;
import java.net.Socket;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.server.SSLSocketCreator;

/**
 * The listeners' TLS identity as it is now: each STARTTLS takes the {@link ServerTls} current at
 * that moment, so a reload changes what new sessions are served while a session already in TLS
 * keeps the context it shook hands with.
 */
public final class ListenerTls implements SSLSocketCreator {

  private final AtomicReference<ServerTls> current;

  public ListenerTls(ServerTls first) {
    this.current = new AtomicReference<>(Objects.requireNonNull(first, "first"));
  }

  /** The identity new sessions get. */
  public ServerTls current() {
    return current.get();
  }

  /** Serves {@code next} from the next STARTTLS on. */
  public void replace(ServerTls next) {
    current.set(Objects.requireNonNull(next, "next"));
  }

  @Override
  public SSLSocket createSSLSocket(Socket socket) throws IOException {
    return current.get().createSSLSocket(socket);
  }
}
