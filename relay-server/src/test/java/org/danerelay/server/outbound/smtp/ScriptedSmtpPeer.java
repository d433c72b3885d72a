package org.danerelay.server.outbound.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A scripted (possibly hostile) SMTP server on a free loopback port, one script per connection in
 * turn: writes the first scripted text on connect, then one scripted text (in one write) after each
 * line the client sends; once the script is used up it only listens. Records every byte the client
 * sends.
 */
final class ScriptedSmtpPeer implements AutoCloseable {

  private final ServerSocket listener;
  private final List<List<String>> scripts;
  private final List<CompletableFuture<String>> transcripts;

  /** For one connection. */
  ScriptedSmtpPeer(String... script) throws IOException {
    this(List.of(List.of(script)));
  }

  /** For as many connections as scripts, one after the other. */
  static ScriptedSmtpPeer forConnections(List<List<String>> scripts) throws IOException {
    return new ScriptedSmtpPeer(scripts);
  }

  /**
   * The script of a plain dialogue for one {@link ClientLoop#MESSAGE} (three content lines, sent
   * one command at a time): greeting, {@code ehloReply}, MAIL, RCPT and DATA accepted, {@code
   * endOfData} after the final dot, then {@code after}, one text per further line.
   */
  static List<String> oneMessage(String ehloReply, String endOfData, String... after) {
    List<String> script = new ArrayList<>();
    script.addAll(
        List.of(
            "220 mx.example ESMTP\r\n",
            ehloReply,
            "250 2.1.0 ok\r\n",
            "250 2.1.5 ok\r\n",
            "354 go ahead\r\n",
            "",
            "",
            "",
            endOfData));
    script.addAll(List.of(after));
    return script;
  }

  private ScriptedSmtpPeer(List<List<String>> scripts) throws IOException {
    this.scripts = List.copyOf(scripts);
    this.transcripts = scripts.stream().map(s -> new CompletableFuture<String>()).toList();
    listener = new ServerSocket(0, 2, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(this::serve, "scripted-smtp-peer");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Everything the client sent, once it closed the connection (or went quiet for 5 s). */
  CompletableFuture<String> transcript() {
    return transcript(0);
  }

  /** The same for the connection with this index, counted from 0. */
  CompletableFuture<String> transcript(int connection) {
    return transcripts.get(connection);
  }

  private void serve() {
    for (int i = 0; i < scripts.size(); i++) {
      serve(scripts.get(i), transcripts.get(i));
    }
  }

  private void serve(List<String> script, CompletableFuture<String> transcript) {
    ByteArrayOutputStream heard = new ByteArrayOutputStream();
    try (Socket socket = listener.accept()) {
      socket.setSoTimeout(5_000);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      for (int step = 0; step < script.size(); step++) {
        if (step > 0 && !readLine(in, heard)) {
          return;
        }
        out.write(script.get(step).getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
      in.transferTo(heard);
    } catch (IOException e) {
      // The client hung up or went quiet: the transcript so far is the evidence.
    } finally {
      transcript.complete(heard.toString(StandardCharsets.ISO_8859_1));
    }
  }

  private static boolean readLine(InputStream in, ByteArrayOutputStream heard) throws IOException {
    int b;
    while ((b = in.read()) >= 0) {
      heard.write(b);
      if (b == '\n') {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
