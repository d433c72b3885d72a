package org.danerelay.server.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running relay's operator socket: a Unix domain socket in the data folder, owner-only, that
 * answers one request line per connection (how {@code danerelay queue} reaches a live queue whose
 * H2 database the relay holds open).
 */
public final class ControlSocket implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ControlSocket.class);
  private static final int MAX_REQUEST = 1024;
  private static final long REQUEST_TIMEOUT_SECONDS = 10;

  private final Path path;
  private final ServerSocketChannel channel;
  private final Thread acceptor;

  private ControlSocket(Path path, ServerSocketChannel channel, Thread acceptor) {
    this.path = path;
    this.channel = channel;
    this.acceptor = acceptor;
  }

  /**
   * Binds {@code path} and answers each request with {@code handler} on one thread; the handler
   * gets the request line and the name of the user who sent it.
   */
  public static ControlSocket open(
      Path path, BiFunction<String, String, ControlReply> handler, ScheduledExecutorService timer)
      throws IOException {
    Files.deleteIfExists(path);
    ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    channel.bind(UnixDomainSocketAddress.of(path));
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    Thread acceptor = new Thread(() -> serve(channel, handler, timer), "control-socket");
    acceptor.setDaemon(true);
    acceptor.start();
    return new ControlSocket(path, channel, acceptor);
  }

  /** The path of the control socket for a data folder. */
  public static Path pathIn(Path dataDir) {
    return dataDir.resolve("control.sock");
  }

  @Override
  public void close() {
    try {
      channel.close();
      acceptor.join(TimeUnit.SECONDS.toMillis(REQUEST_TIMEOUT_SECONDS));
      Files.deleteIfExists(path);
    } catch (IOException e) {
      log.warn("closing the control socket: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void serve(
      ServerSocketChannel channel,
      BiFunction<String, String, ControlReply> handler,
      ScheduledExecutorService timer) {
    while (channel.isOpen()) {
      try (SocketChannel client = channel.accept()) {
        // A local client that never finishes its request must not hold the socket for long.
        var watchdog =
            timer.schedule(() -> closeQuietly(client), REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        String request = readLine(client);
        ControlReply reply = handler.apply(request, peer(client));
        client.write(ByteBuffer.wrap(reply.encode().getBytes(StandardCharsets.UTF_8)));
        watchdog.cancel(false);
      } catch (IOException | RuntimeException e) {
        if (channel.isOpen()) {
          log.warn("control request failed: {}", e.toString());
        }
      }
    }
  }

  private static String readLine(SocketChannel client) throws IOException {
    byte[] line = new byte[MAX_REQUEST];
    int length = 0;
    var in = Channels.newInputStream(client);
    for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
      if (length == MAX_REQUEST) {
        throw new IOException("request longer than " + MAX_REQUEST + " octets");
      }
      line[length++] = (byte) b;
    }
    return new String(line, 0, length, StandardCharsets.UTF_8);
  }

  /**
   * The user at the other end, as the kernel tells it (SO_PEERCRED): the socket is owner-only, so
   * this is the relay's own user or root, but the log says which.
   */
  private static String peer(SocketChannel client) {
    try {
      UnixDomainPrincipal principal = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
      return principal.user().getName();
    } catch (IOException | UnsupportedOperationException e) {
      return "unknown user";
    }
  }

  private static void closeQuietly(SocketChannel client) {
    try {
      client.close();
    } catch (IOException e) {
      // Closing is all we wanted.
    }
  }
}
