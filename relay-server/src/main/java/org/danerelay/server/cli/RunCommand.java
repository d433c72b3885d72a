package org.danerelay.server.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.danerelay.server.Relay;
import org.danerelay.server.config.RelayConfig;
import org.danerelay.server.logging.LoggingSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code danerelay run}: start the relay in the foreground until SIGTERM or SIGINT. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the relay.")
final class RunCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;

  @Override
  public Integer call() throws Exception {
    RelayConfig config = options.load();
    LoggingSetup.apply(config.logLevel().configName(), config.logFile());
    Relay relay = Relay.start(config, Clock.systemUTC());
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
