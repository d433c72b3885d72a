package org.danerelay.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A TCP link on 127.0.0.1 between the queue and the private PostgreSQL that a test can break the
 * way networks and failovers break it: every connection cut and new ones refused (the server out of
 * reach), or one connection cut at a COMMIT: just as the server answers it, so that the transaction
 * is committed but the client never hears so, or before the server gets it.
 */
final class CuttableLink implements AutoCloseable {

  // The tag of PostgreSQL's CommandComplete message for a COMMIT (protocol message 'C').
  private static final byte[] COMMIT_DONE = "COMMIT\0".getBytes(StandardCharsets.US_ASCII);

  // The client's COMMIT statement, as the driver sends it (Parse or Query message).
  private static final byte[] COMMIT_ASKED = "COMMIT".getBytes(StandardCharsets.US_ASCII);

  private final int serverPort;
  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean refusing;
  private volatile CountDownLatch answerCut; // armed when not null
  private volatile CountDownLatch requestCut; // armed when not null

  CuttableLink(int serverPort) throws IOException {
    this.serverPort = serverPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "cuttable-link");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** {@code url} (a JDBC URL on the server's port) through this link. */
  String route(String url) {
    return url.replace(":" + serverPort + "/", ":" + listener.getLocalPort() + "/");
  }

  /** Cuts every connection and refuses new ones until {@link #restore}. */
  void cutAll() {
    refusing = true;
    open.forEach(CuttableLink::closeQuietly);
  }

  void restore() {
    refusing = false;
  }

  /**
   * Cuts the connection on which the server next answers a COMMIT, dropping that answer.
   *
   * @return counted down once the cut was made
   */
  CountDownLatch cutAtNextCommitAnswer() {
    CountDownLatch done = new CountDownLatch(1);
    answerCut = done;
    return done;
  }

  /**
   * Cuts the connection on which the client next asks for a COMMIT, before the server gets it.
   *
   * @return counted down once the cut was made
   */
  CountDownLatch cutAtNextCommitRequest() {
    CountDownLatch done = new CountDownLatch(1);
    requestCut = done;
    return done;
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (refusing) {
          client.close();
          continue;
        }
        Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
        open.add(client);
        open.add(server);
        pump(client, server, false);
        pump(server, client, true);
      } catch (IOException e) {
        // closed: the test is over
      }
    }
  }

  private void pump(Socket from, Socket to, boolean answers) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[65_536];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                  CountDownLatch cut = answers ? answerCut : requestCut;
                  if (cut != null && contains(buffer, n, answers ? COMMIT_DONE : COMMIT_ASKED)) {
                    if (answers) {
                      answerCut = null;
                    } else {
                      requestCut = null;
                    }
                    closeQuietly(from);
                    closeQuietly(to);
                    cut.countDown();
                    return;
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // one side went away
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "cuttable-link-pump");
    t.setDaemon(true);
    t.start();
  }

  private static boolean contains(byte[] buffer, int length, byte[] wanted) {
    for (int i = 0; i + wanted.length <= length; i++) {
      int j = 0;
      while (j < wanted.length && buffer[i + j] == wanted[j]) {
        j++;
      }
      if (j == wanted.length) {
        return true;
      }
    }
    return false;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    open.forEach(CuttableLink::closeQuietly);
  }
}
