package org.danerelay.server.smtp.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A client connection after STARTTLS: the handshaken {@link SSLSocket}, whose plaintext the session
 * reads as whole command lines, as it did before TLS.
 *
 * <p>Everything else is the TLS socket's own; SubEthaSMTP and the Received header see an {@code
 * SSLSocket} with its session, protocol and cipher.
 */
final class TlsClientSocket extends SSLSocket implements ClientConnection {

  private final SSLSocket tls;
  private final ClientSocket raw;
  private CommandLineInput commands;
  private ReplyWatch replies;

  TlsClientSocket(SSLSocket tls, ClientSocket raw) {
    this.tls = tls;
    this.raw = raw;
  }

  @Override
  public synchronized CommandLineInput commands() {
    if (commands == null) {
      throw new IllegalStateException("the session has not read from " + raw.client() + " yet");
    }
    return commands;
  }

  @Override
  public synchronized InputStream getInputStream() throws IOException {
    if (commands == null) {
      commands =
          new CommandLineInput(
              tls.getInputStream(),
              getOutputStream(),
              raw.clock(),
              raw.errors(),
              raw.client(),
              false);
    }
    return commands;
  }

  @Override
  public synchronized OutputStream getOutputStream() throws IOException {
    if (replies == null) {
      replies = new ReplyWatch(tls.getOutputStream(), raw.errors());
    }
    return replies;
  }

  @Override
  public void close() throws IOException {
    tls.close();
  }

  @Override
  public boolean isClosed() {
    return tls.isClosed();
  }

  @Override
  public boolean isConnected() {
    return tls.isConnected();
  }

  @Override
  public boolean isBound() {
    return tls.isBound();
  }

  @Override
  public boolean isInputShutdown() {
    return tls.isInputShutdown();
  }

  @Override
  public boolean isOutputShutdown() {
    return tls.isOutputShutdown();
  }

  @Override
  public InetAddress getInetAddress() {
    return tls.getInetAddress();
  }

  @Override
  public InetAddress getLocalAddress() {
    return tls.getLocalAddress();
  }

  @Override
  public int getPort() {
    return tls.getPort();
  }

  @Override
  public int getLocalPort() {
    return tls.getLocalPort();
  }

  @Override
  public SocketAddress getRemoteSocketAddress() {
    return tls.getRemoteSocketAddress();
  }

  @Override
  public SocketAddress getLocalSocketAddress() {
    return tls.getLocalSocketAddress();
  }

  @Override
  public void setSoTimeout(int timeout) throws SocketException {
    tls.setSoTimeout(timeout);
  }

  @Override
  public int getSoTimeout() throws SocketException {
    return tls.getSoTimeout();
  }

  @Override
  public void setTcpNoDelay(boolean on) throws SocketException {
    tls.setTcpNoDelay(on);
  }

  @Override
  public boolean getTcpNoDelay() throws SocketException {
    return tls.getTcpNoDelay();
  }

  @Override
  public String toString() {
    return tls.toString();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return tls.getSupportedCipherSuites();
  }

  @Override
  public String[] getEnabledCipherSuites() {
    return tls.getEnabledCipherSuites();
  }

  @Override
  public void setEnabledCipherSuites(String[] suites) {
    tls.setEnabledCipherSuites(suites);
  }

  @Override
  public String[] getSupportedProtocols() {
    return tls.getSupportedProtocols();
  }

  @Override
  public String[] getEnabledProtocols() {
    return tls.getEnabledProtocols();
  }

  @Override
  public void setEnabledProtocols(String[] protocols) {
    tls.setEnabledProtocols(protocols);
  }

  @Override
  public SSLSession getSession() {
    return tls.getSession();
  }

  @Override
  public SSLSession getHandshakeSession() {
    return tls.getHandshakeSession();
  }

  @Override
  public SSLParameters getSSLParameters() {
    return tls.getSSLParameters();
  }

  @Override
  public void setSSLParameters(SSLParameters parameters) {
    tls.setSSLParameters(parameters);
  }

  @Override
  public String getApplicationProtocol() {
    return tls.getApplicationProtocol();
  }

  @Override
  public String getHandshakeApplicationProtocol() {
    return tls.getHandshakeApplicationProtocol();
  }

  @Override
  public void setHandshakeApplicationProtocolSelector(
      BiFunction<SSLSocket, List<String>, String> selector) {
    tls.setHandshakeApplicationProtocolSelector(selector);
  }

  @Override
  public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
    tls.addHandshakeCompletedListener(listener);
  }

  @Override
  public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
    tls.removeHandshakeCompletedListener(listener);
  }

  @Override
  public void startHandshake() throws IOException {
    tls.startHandshake();
  }

  @Override
  public void setUseClientMode(boolean mode) {
    tls.setUseClientMode(mode);
  }

  @Override
  public boolean getUseClientMode() {
    return tls.getUseClientMode();
  }

  @Override
  public void setNeedClientAuth(boolean need) {
    tls.setNeedClientAuth(need);
  }

  @Override
  public boolean getNeedClientAuth() {
    return tls.getNeedClientAuth();
  }

  @Override
  public void setWantClientAuth(boolean want) {
    tls.setWantClientAuth(want);
  }

  @Override
  public boolean getWantClientAuth() {
    return tls.getWantClientAuth();
  }

  @Override
  public void setEnableSessionCreation(boolean enabled) {
    tls.setEnableSessionCreation(enabled);
  }

  @Override
  public boolean getEnableSessionCreation() {
    return tls.getEnableSessionCreation();
  }
}
