package org.danerelay.server.admin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.danerelay.server.config.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code admin.listen} HTTP listener for monitoring: {@code /metrics} and {@code /health} on
 * the JDK's own HTTP server, with a few threads and limits on how long a request may take to
 * arrive.
 */
public final class AdminServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

  private static final int THREADS = 2;
  private static final int WAITING = 16;
  private static final int BACKLOG = 16;
  // Seconds; the JDK server's own names. See limitRequestTimes().
  private static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";
  private static final String MAX_RESPONSE_TIME = "sun.net.httpserver.maxRspTime";

  private final HttpServer server;
  private final ThreadPoolExecutor workers;

  private AdminServer(HttpServer server, ThreadPoolExecutor workers) {
    this.server = server;
    this.workers = workers;
  }

  /**
   * Binds {@code address} and serves.
   *
   * @param scrape the metrics in the Prometheus text format
   * @throws IllegalStateException naming the address when it cannot be bound
   */
  public static AdminServer start(HostPort address, Supplier<String> scrape, HealthCheck health) {
    limitRequestTimes();
    HttpServer server;
    try {
      server = HttpServer.create(address.toSocketAddress(), BACKLOG);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot listen on admin.listen " + address + ": " + e.getMessage(), e);
    }
    // Bounded: two workers and a short line; when both are full the accepting thread runs the
    // request itself, which stops it accepting more until one is done (no unbounded backlog).
    ThreadPoolExecutor workers =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(WAITING),
            task -> {
              Thread worker = new Thread(task, "admin-http");
              worker.setDaemon(true);
              return worker;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
    server.setExecutor(workers);
    server.createContext("/", new AdminRoutes(scrape, health));
    server.start();
    AdminServer admin = new AdminServer(server, workers);
    log.info(
        "admin listener on http://{}:{} ({} and {})",
        address.toString().substring(0, address.toString().lastIndexOf(':')),
        admin.port(),
        AdminRoutes.METRICS,
        AdminRoutes.HEALTH);
    return admin;
  }

  /** The port bound (admin.listen with port 0 picks one). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops listening and drops requests in progress: monitoring can ask again. */
  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  /**
   * A client that sends half a request, or reads no response, must not hold a worker for ever. The
   * JDK server takes these limits only from system properties, once, when its first instance is
   * made; an operator's own {@code -D} settings are kept.
   */
  private static void limitRequestTimes() {
    if (System.getProperty(MAX_REQUEST_TIME) == null) {
      System.setProperty(MAX_REQUEST_TIME, "10");
    }
    if (System.getProperty(MAX_RESPONSE_TIME) == null) {
      System.setProperty(MAX_RESPONSE_TIME, "30");
    }
  }
}
