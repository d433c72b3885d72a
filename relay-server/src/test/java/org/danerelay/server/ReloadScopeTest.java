package org.danerelay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.danerelay.server.config.ConfigKey;
import org.danerelay.server.config.ConfigLoader;
import org.danerelay.server.config.RelayConfig;
import org.junit.jupiter.api.Test;

/** Every key is either applied by a reload or needs a restart, and a restart-only one is kept. */
class ReloadScopeTest {

  private static final Path FILE = Path.of("/etc/danerelay/relay.conf");

  @Test
  void everyConfigurationKeyIsInExactlyOneList() {
    List<ConfigKey<?>> both = new ArrayList<>(ReloadScope.appliedKeys());
    both.addAll(ReloadScope.restartOnlyKeys());
    Set<ConfigKey<?>> once = new HashSet<>(both);
    assertEquals(both.size(), once.size(), "a key is in both lists: " + both);
    assertEquals(Set.copyOf(ConfigKey.all()), once, "every key, new ones too, is classified");
  }

  @Test
  void aRestartOnlyChangeIsNamedAndTheRunningValueKept() {
    RelayConfig running = config("smtpd.listen=127.0.0.1:25", "relay.networks=10.0.0.0/8");
    RelayConfig fresh = config("smtpd.listen=127.0.0.1:26", "relay.networks=10.1.0.0/16");

    RelayConfig next = ReloadScope.keepRunning(running, fresh);

    assertEquals(List.of("smtpd.listen"), ReloadScope.restartOnlyChanges(running, fresh));
    assertEquals(running.smtpdListen(), next.smtpdListen());
    assertEquals(fresh.relayNetworks(), next.relayNetworks());
    assertEquals(List.of("relay.networks"), ReloadScope.appliedChanges(running, next));
  }

  @Test
  void theAuthUsersFileMayMoveButAuthCannotBeSwitchedOnByAReload() {
    RelayConfig withoutAuth = config();
    RelayConfig withAuth = config("smtpd.auth.users=" + existingFile());

    assertEquals(
        List.of("smtpd.auth.users"), ReloadScope.restartOnlyChanges(withoutAuth, withAuth));
    assertTrue(ReloadScope.keepRunning(withoutAuth, withAuth).authUsers().isEmpty());
  }

  private static String existingFile() {
    return Path.of("../conf/relay.conf").toAbsolutePath().normalize().toString();
  }

  private static RelayConfig config(String... overrides) {
    return ConfigLoader.defaults(FILE, List.of(overrides));
  }
}
