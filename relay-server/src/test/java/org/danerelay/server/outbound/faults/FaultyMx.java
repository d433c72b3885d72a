package org.danerelay.server.outbound.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A next-hop SMTP server on a chosen loopback address and port: plain ESMTP with STARTTLS (no
 * PIPELINING, so every command waits for its reply) that misbehaves at one {@link Stage}, as the
 * test sets it. Records, per connection, the command lines heard before TLS and inside it, and the
 * messages it accepted: the evidence that nothing went out in plaintext where DANE applies.
 */
final class FaultyMx implements AutoCloseable {

  /** At most this many connections are served at once; more wait in the backlog. */
  private static final int MAX_CONNECTIONS = 8;

  /** One message the server took with a 250 after the final dot. */
  record Accepted(List<String> recipients, boolean overTls) {}

  /** The command lines of one connection, before and after STARTTLS. */
  record Heard(List<String> plaintext, List<String> encrypted) {
    Heard() {
      this(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
    }
  }

  /** The fault and where; {@code null} when the server behaves. */
  record Misbehaviour(Stage stage, Fault fault) {}

  private final ServerSocket listener;
  private final SSLContext tls;
  private final ExecutorService connections;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final List<Heard> heard = new CopyOnWriteArrayList<>();
  private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
  private volatile Misbehaviour misbehaviour;
  private volatile CountDownLatch release = new CountDownLatch(1);

  /**
   * @param tls the server side of STARTTLS, or null to offer none
   */
  FaultyMx(InetAddress address, int port, SSLContext tls) throws IOException {
    this.tls = tls;
    this.listener = new ServerSocket();
    listener.setReuseAddress(true);
    // A small window: a stalled reader makes the client's writes block soon.
    listener.setReceiveBufferSize(8192);
    listener.bind(new InetSocketAddress(address, port), 16);
    this.connections =
        Executors.newFixedThreadPool(
            MAX_CONNECTIONS,
            r -> {
              Thread t = new Thread(r, "faulty-mx-" + address.getHostAddress());
              t.setDaemon(true);
              return t;
            });
    Thread acceptor = new Thread(this::acceptLoop, "faulty-mx-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** From the next connection on, misbehave so at {@code stage}. */
  void misbehave(Stage stage, Fault fault) {
    misbehaviour = new Misbehaviour(stage, fault);
  }

  /**
   * Behaves again, ends every connection (stalled ones included) and forgets what it heard: the
   * next test starts clean.
   */
  void reset() {
    misbehaviour = null;
    CountDownLatch stalled = release;
    release = new CountDownLatch(1);
    stalled.countDown();
    for (Socket socket : open) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    heard.clear();
    accepted.clear();
  }

  /** How many connections were made since the last reset. */
  int connections() {
    return heard.size();
  }

  /** Every command line heard before STARTTLS, on every connection since the last reset. */
  List<String> plaintextCommands() {
    return heard.stream().flatMap(h -> h.plaintext().stream()).toList();
  }

  /** Every command line heard inside TLS since the last reset. */
  List<String> encryptedCommands() {
    return heard.stream().flatMap(h -> h.encrypted().stream()).toList();
  }

  List<Accepted> accepted() {
    return List.copyOf(accepted);
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        continue; // closed: the loop ends
      }
      Heard record = new Heard();
      heard.add(record);
      open.add(socket);
      Misbehaviour now = misbehaviour;
      CountDownLatch stalled = release;
      connections.execute(
          () -> {
            try (socket) {
              socket.setSoTimeout(15_000); // bounded: a client that never hangs up
              new MxConversation(socket, tls, now, record, stalled, accepted::add).run();
            } catch (IOException e) {
              // the client hung up, or the fault ended the connection: what was heard stays
            } finally {
              open.remove(socket);
            }
          });
    }
  }

  @Override
  public void close() throws IOException {
    reset();
    listener.close();
    connections.shutdownNow();
  }
}
