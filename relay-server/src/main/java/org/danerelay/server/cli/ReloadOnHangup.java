package org.danerelay.server.cli;

import java.util.function.Supplier;
import org.danerelay.server.Relay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Reloads the relay on SIGHUP, as daemons do and systemd's {@code ExecReload=/bin/kill -HUP
 * $MAINPID} expects.
 *
 * <p>{@code sun.misc.Signal} is in the {@code jdk.unsupported} module, which Java 17 still exports
 * for exactly this; it is kept to this one class (javac warns about it here) so that a replacement
 * touches nothing else.
 */
final class ReloadOnHangup {

  private static final Logger log = LoggerFactory.getLogger(ReloadOnHangup.class);

  private ReloadOnHangup() {}

  /**
   * From now on, each SIGHUP reloads the relay {@code running} gives, or is ignored while it gives
   * none yet: installed before start-up, so that an early SIGHUP does not end the JVM, which is
   * what it does by default. The JVM runs the handler on a thread of its own.
   */
  static void install(Supplier<Relay> running) {
    Signal.handle(
        new Signal("HUP"),
        signal -> {
          Relay relay = running.get();
          if (relay == null) {
            log.warn("SIGHUP during start-up: ignored; send it again once the relay has started");
          } else {
            relay.reload();
          }
        });
  }
}
