package org.danerelay.server.control;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Sends one request to a running relay's control socket. */
public final class ControlClient {

  private ControlClient() {}

  /**
   * The relay's reply, or empty when no relay listens on {@code socket} (then the caller may open
   * the queue itself).
   */
  public static Optional<ControlReply> ask(Path socket, String request) throws IOException {
    if (!Files.exists(socket)) {
      return Optional.empty();
    }
    SocketChannel channel;
    try {
      channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      // A socket file left by a killed relay: nobody answers.
      return Optional.empty();
    }
    try (channel) {
      channel.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
      channel.shutdownOutput();
      byte[] reply = Channels.newInputStream(channel).readAllBytes();
      return Optional.of(ControlReply.decode(new String(reply, StandardCharsets.UTF_8)));
    }
  }
}
