package org.danerelay.server.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.danerelay.server.Relay;
import org.danerelay.server.config.ConfigSource;
import org.danerelay.server.config.RelayConfig;
import org.danerelay.server.logging.LoggingSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code danerelay run}: start the relay in the foreground until SIGTERM or SIGINT; SIGHUP reloads
 * the configuration and certificates (docs/adr/0013-reload.md).
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the relay.")
final class RunCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;

  @Override
  public Integer call() throws Exception {
    ConfigSource source = options.source();
    RelayConfig config = source.load().config();
    LoggingSetup.apply(config.logLevel().configName(), config.logFile());
    AtomicReference<Relay> running = new AtomicReference<>();
    ReloadOnHangup.install(running::get);
    // The same file and --set overrides are read again at each reload.
    Relay relay = Relay.start(source, Clock.systemUTC());
    running.set(relay);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  relay.close();
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
    return 0;
  }
}
