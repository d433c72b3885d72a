package org.danerelay.server.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Answers the admin listener's requests: {@code GET} or {@code HEAD} of {@code /metrics} and {@code
 * /health}; 405 for any other method on them (RFC 9110 15.5.6, with {@code Allow}), 404 for any
 * other path. Nothing else is served, not even an index.
 */
final class AdminRoutes implements HttpHandler {

  static final String METRICS = "/metrics";
  static final String HEALTH = "/health";
  // The Prometheus text exposition format, version 0.0.4.
  private static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final String TEXT = "text/plain; charset=utf-8";

  private final Supplier<String> scrape;
  private final HealthCheck health;

  AdminRoutes(Supplier<String> scrape, HealthCheck health) {
    this.scrape = scrape;
    this.health = health;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (!METRICS.equals(path) && !HEALTH.equals(path)) {
        reply(exchange, 404, TEXT, "not found\n");
      } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        reply(exchange, 405, TEXT, "method not allowed\n");
      } else if (METRICS.equals(path)) {
        reply(exchange, 200, METRICS_TYPE, scrape.get());
      } else {
        Health now = health.check();
        reply(exchange, now.up() ? 200 : 503, TEXT, now.reason() + "\n");
      }
    }
  }

  private static void reply(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if ("HEAD".equals(exchange.getRequestMethod())) {
      // RFC 9110 9.3.2: the headers a GET would get, without content.
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
