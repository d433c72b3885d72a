package org.danerelay.queue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL server of the tests' own: Debian's binaries, {@code initdb} into a temporary folder,
 * listening on 127.0.0.1 and a free port, stopped when the JVM ends. Never the system service.
 *
 * <p>Started once per test JVM; each test takes a fresh database from {@link #newDatabase}. As
 * root, the server runs as the {@code postgres} user (PostgreSQL refuses root). Where no PostgreSQL
 * is installed the tests are skipped, unless {@code DANERELAY_REQUIRE_POSTGRES} is set, as CI does:
 * there a missing server fails them.
 */
public final class PrivatePostgres {

  private static final Path BINARIES = Path.of("/usr/lib/postgresql");
  private static final String SUPERUSER = "danerelay";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static PrivatePostgres running; // guarded by the class

  private final Path bin;
  private final Path dataDir;
  private final int port;
  private final boolean asPostgresUser;

  private PrivatePostgres(Path bin, Path dataDir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dataDir = dataDir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** The server, started on first use; skips the calling test where there is none to start. */
  public static synchronized PrivatePostgres get() {
    if (running == null) {
      Optional<Path> bin = findBinaries();
      if (bin.isEmpty()) {
        String why = "no PostgreSQL binaries under " + BINARIES + " (Debian's postgresql package)";
        if (System.getenv("DANERELAY_REQUIRE_POSTGRES") != null) {
          throw new IllegalStateException(why + ", and DANERELAY_REQUIRE_POSTGRES is set");
        }
        Assumptions.abort(why);
      }
      running = start(bin.get());
      Runtime.getRuntime().addShutdownHook(new Thread(running::stopQuietly, "private-postgres"));
    }
    return running;
  }

  /** A JDBC URL for a new, empty database on this server. */
  public String newDatabase() {
    String name = "queue_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection admin = DriverManager.getConnection(url("postgres"));
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    return url(name);
  }

  /** The first column of the first row that {@code sql} returns with its {@code ?} bound. */
  static int count(String url, String sql, String... arguments) {
    try (Connection connection = DriverManager.getConnection(url);
        java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < arguments.length; i++) {
        statement.setString(i + 1, arguments[i]);
      }
      try (java.sql.ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not run " + sql, e);
    }
  }

  /** Stops the server (fast shutdown: sessions are cut, as in a failover). */
  public void stop() {
    pgCtl("stop", "-m", "fast", "-w", "-t", "30");
  }

  /** Starts it again after {@link #stop}, on the same port with the same data. */
  public void start() {
    pgCtl(
        "start",
        "-w",
        "-t",
        "30",
        "-l",
        dataDir.resolve("server.log").toString(),
        "-o",
        "-c listen_addresses=127.0.0.1 -p "
            + port
            + " -c unix_socket_directories="
            + dataDir
            + " -c max_connections=200 -c fsync=on -c synchronous_commit=on");
  }

  int port() {
    return port;
  }

  private String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER;
  }

  private static PrivatePostgres start(Path bin) {
    try {
      boolean root = "root".equals(System.getProperty("user.name"));
      Path dir = Files.createTempDirectory("danerelay-pg");
      Path data = dir.resolve("data");
      PrivatePostgres server = new PrivatePostgres(bin, data, freePort(), root);
      if (root) {
        server.run(List.of("chown", "postgres:postgres", dir.toString()), false);
      }
      server.run(
          List.of(
              bin.resolve("initdb").toString(),
              "-D",
              data.toString(),
              "-U",
              SUPERUSER,
              "--auth=trust",
              "-E",
              "UTF8",
              "--no-locale",
              "--no-sync"),
          root);
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("could not start a private PostgreSQL", e);
    }
  }

  private void pgCtl(String... arguments) {
    List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D"));
    command.add(dataDir.toString());
    command.addAll(List.of(arguments));
    run(command, asPostgresUser);
  }

  private void run(List<String> command, boolean asPostgres) {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    try {
      Path output = Files.createTempFile("danerelay-pg", ".out");
      Process process =
          new ProcessBuilder(full)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", full) + " did not end within 60 s");
      }
      String said = Files.readString(output);
      Files.deleteIfExists(output);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", full) + " failed (" + process.exitValue() + "): " + said);
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + full, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + full, e);
    }
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (RuntimeException e) {
      // The JVM is ending; a server that did not stop is reported by its own log.
    }
  }

  private static Optional<Path> findBinaries() {
    if (!Files.isDirectory(BINARIES)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(BINARIES)) {
      return versions
          .map(version -> version.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
          .max(Comparator.comparing(bin -> bin.getParent().getFileName().toString()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
