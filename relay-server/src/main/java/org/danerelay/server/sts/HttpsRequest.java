package org.danerelay.server.sts;

import java.util.Objects;
import java.util.Optional;

/**
 * One HTTPS request: to a host name resolved through the relay's DNS, GET or POST.
 *
 * @param host the server's name: resolved, sent as SNI and checked against its certificate
 * @param port the TCP port
 * @param method {@code GET} or {@code POST}
 * @param path the request target, starting with {@code /}
 * @param body for POST: the content and its media type
 * @param responseLimit the largest response body taken, in bytes
 */
public record HttpsRequest(
    String host, int port, String method, String path, Optional<Body> body, int responseLimit) {

  /** A request body and its {@code Content-Type}. */
  public record Body(String contentType, byte[] content) {
    public Body {
      Objects.requireNonNull(contentType, "contentType");
      content = content.clone();
    }

    @Override
    public byte[] content() {
      return content.clone();
    }
  }

  public HttpsRequest {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (!method.equals("GET") && !method.equals("POST")) {
      throw new IllegalArgumentException("GET or POST only: " + method);
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with /: " + path);
    }
    Objects.requireNonNull(body, "body");
    if (responseLimit < 0) {
      throw new IllegalArgumentException("negative response limit");
    }
  }
}
