package org.danerelay.dane.testdns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * Serves one DNS message handler over UDP and TCP on 127.0.0.1 only: the socket plumbing shared by
 * the signed authoritative server and the validating recursive in front of it.
 *
 * <p>Over UDP a response larger than the client's EDNS payload size (512 without EDNS) is replaced
 * by an empty one with TC set (RFC 1035 4.2.1, RFC 6891 6.2.5), so that clients retry over TCP,
 * where the whole response is sent. Threads are daemons, queues and message counts are bounded, and
 * {@link #close()} closes every socket.
 */
final class DnsTestServer implements AutoCloseable {

  private static final int MAX_UDP_QUERY = 4096;
  private static final int MAX_TCP_MESSAGES_PER_CONNECTION = 100;
  private static final int SOCKET_TIMEOUT_MS = 5_000;

  private final UnaryOperator<Message> handler;
  private final QueryFaults faults;
  private final DatagramSocket udp;
  private final InetSocketAddress address;
  private final ServerSocket tcp;
  private final ExecutorService workers;
  private final AtomicInteger truncatedResponses = new AtomicInteger();
  private final AtomicInteger tcpQueries = new AtomicInteger();
  private volatile boolean closed;

  DnsTestServer(String name, UnaryOperator<Message> handler) throws IOException {
    this(name, handler, QueryFaults.NONE);
  }

  /** Like the plain server, but misbehaving on the wire for the names {@code faults} lists. */
  DnsTestServer(String name, UnaryOperator<Message> handler, QueryFaults faults)
      throws IOException {
    this(name, handler, faults, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  /** Like the plain server, on {@code bind}: a port of 0 takes any free one. */
  DnsTestServer(
      String name, UnaryOperator<Message> handler, QueryFaults faults, InetSocketAddress bind)
      throws IOException {
    this.handler = handler;
    this.faults = faults;
    InetAddress loopback = bind.getAddress();
    // UDP and TCP share one port; a free UDP port may be taken for TCP, so try a few.
    DatagramSocket udpSocket = null;
    ServerSocket serverSocket = null;
    for (int tries = 0; serverSocket == null; tries++) {
      udpSocket = new DatagramSocket(bind);
      ServerSocket candidate = new ServerSocket();
      try {
        candidate.setReuseAddress(true);
        candidate.bind(new InetSocketAddress(loopback, udpSocket.getLocalPort()), 16);
        serverSocket = candidate;
      } catch (IOException e) {
        udpSocket.close();
        candidate.close();
        if (tries >= 20 || bind.getPort() != 0) {
          throw e;
        }
      }
    }
    this.udp = udpSocket;
    this.address = new InetSocketAddress(loopback, udp.getLocalPort());
    this.tcp = serverSocket;
    AtomicInteger threads = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            4,
            4,
            10,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(256),
            r -> {
              Thread t = new Thread(r, name + "-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    daemon(name + "-udp", this::serveUdp).start();
    daemon(name + "-tcp", this::acceptTcp).start();
  }

  /** Where clients send their queries (UDP and TCP share the port). */
  InetSocketAddress address() {
    return address;
  }

  /** How many UDP responses were replaced by a truncated (TC) one. */
  int truncatedResponses() {
    return truncatedResponses.get();
  }

  /** How many queries arrived over TCP. */
  int tcpQueries() {
    return tcpQueries.get();
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }

  private void serveUdp() {
    byte[] buffer = new byte[MAX_UDP_QUERY];
    while (!closed) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
      } catch (IOException e) {
        continue; // closed, or a stray error: the loop condition decides
      }
      byte[] query = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
      java.net.SocketAddress client = packet.getSocketAddress();
      submit(
          () -> {
            byte[] response = answer(query, true);
            if (response != null && !closed) {
              try {
                udp.send(new DatagramPacket(response, response.length, client));
              } catch (IOException e) {
                // the client went away; nothing to do
              }
            }
          });
    }
  }

  private void acceptTcp() {
    while (!closed) {
      Socket socket;
      try {
        socket = tcp.accept();
      } catch (IOException e) {
        continue;
      }
      if (!submit(() -> serveTcp(socket))) {
        closeQuietly(socket);
      }
    }
  }

  private void serveTcp(Socket socket) {
    try (socket) {
      socket.setSoTimeout(SOCKET_TIMEOUT_MS);
      DataInputStream in = new DataInputStream(socket.getInputStream());
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      for (int i = 0; i < MAX_TCP_MESSAGES_PER_CONNECTION && !closed; i++) {
        int length = in.readUnsignedShort();
        byte[] query = new byte[length];
        in.readFully(query);
        tcpQueries.incrementAndGet();
        QueryFaults.Action action = tcpAction(query);
        if (action == QueryFaults.Action.CLOSE) {
          return;
        }
        if (action == QueryFaults.Action.DROP) {
          continue; // silent: the client's own timeout ends it
        }
        byte[] response = answer(query, false);
        if (response == null) {
          return;
        }
        out.writeShort(response.length);
        out.write(response);
        out.flush();
      }
    } catch (EOFException | SocketTimeoutException | SocketException e) {
      // client closed or idled out
    } catch (IOException e) {
      // malformed stream: drop the connection
    }
  }

  private boolean submit(Runnable task) {
    try {
      workers.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  private QueryFaults.Action tcpAction(byte[] wire) {
    try {
      return faults.tcp(new Message(wire));
    } catch (IOException e) {
      return QueryFaults.Action.CLOSE;
    }
  }

  private byte[] answer(byte[] wire, boolean overUdp) {
    Message query;
    try {
      query = new Message(wire);
    } catch (IOException e) {
      return null;
    }
    if (overUdp) {
      QueryFaults.Action action = faults.udp(query);
      if (action == QueryFaults.Action.DROP) {
        return null;
      }
      if (action == QueryFaults.Action.TRUNCATE) {
        truncatedResponses.incrementAndGet();
        return truncated(query, Rcode.NOERROR).toWire();
      }
    }
    Message response;
    try {
      response = handler.apply(query);
    } catch (RuntimeException e) {
      response = error(query, Rcode.SERVFAIL);
    }
    byte[] out = response.toWire();
    if (overUdp && out.length > udpLimit(query)) {
      truncatedResponses.incrementAndGet();
      out = truncated(query, response.getHeader().getRcode()).toWire();
    }
    return out;
  }

  private static Message truncated(Message query, int rcode) {
    Message truncated = error(query, rcode);
    truncated.getHeader().setFlag(Flags.TC);
    copyOpt(query, truncated);
    return truncated;
  }

  private static int udpLimit(Message query) {
    OPTRecord opt = query.getOPT();
    return opt == null ? 512 : Math.max(512, opt.getPayloadSize());
  }

  /** An empty response to {@code query} with {@code rcode}. */
  static Message error(Message query, int rcode) {
    Message response = new Message(query.getHeader().getID());
    Header header = response.getHeader();
    header.setFlag(Flags.QR);
    if (query.getHeader().getFlag(Flags.RD)) {
      header.setFlag(Flags.RD);
    }
    header.setRcode(rcode);
    if (query.getQuestion() != null) {
      response.addRecord(query.getQuestion(), Section.QUESTION);
    }
    return response;
  }

  /** Answers EDNS with EDNS (RFC 6891 7), keeping the DO bit. */
  static void copyOpt(Message query, Message response) {
    OPTRecord opt = query.getOPT();
    if (opt != null && response.getOPT() == null) {
      response.addRecord(new OPTRecord(1232, 0, 0, opt.getFlags()), Section.ADDITIONAL);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    udp.close();
    closeQuietly(tcp);
    workers.shutdownNow();
  }
}
