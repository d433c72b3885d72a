package org.danerelay.dane.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.function.Function;
import org.xbill.DNS.Message;

/**
 * A UDP resolver on 127.0.0.1 that answers every query with the bytes a function makes of it: for
 * answers no well-behaved server would send, which dnsjava's own server-side classes cannot write.
 */
final class RawAnswerResolver implements AutoCloseable {

  private final DatagramSocket socket;
  private final Function<Message, byte[]> answer;

  RawAnswerResolver(Function<Message, byte[]> answer) throws IOException {
    this.answer = answer;
    socket =
        new DatagramSocket(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
    Thread answering = new Thread(this::answerAll, "raw-answer-resolver");
    answering.setDaemon(true);
    answering.start();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(socket.getLocalAddress(), socket.getLocalPort());
  }

  private void answerAll() {
    byte[] buffer = new byte[1232];
    while (!socket.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        byte[] reply = answer.apply(new Message(Arrays.copyOf(buffer, packet.getLength())));
        socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
      } catch (IOException closedOrBadQuery) {
        // closed: the loop ends; a query it cannot read: no answer, like a real resolver
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
