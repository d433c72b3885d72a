package org.danerelay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 12 item 6: {@code conf/danerelay.service} runs the relay as its own user in a sandbox,
 * reloads with SIGHUP, and is a unit systemd accepts.
 */
class ShippedServiceUnitTest {

  private static final Path UNIT = Path.of("..", "conf", "danerelay.service");
  private static final Path LAUNCHER = Path.of("..", "scripts", "danerelay");

  @TempDir Path folder;

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "User|danerelay",
        "DynamicUser|no",
        "ExecStart|/opt/danerelay/bin/danerelay run --config /etc/danerelay/relay.conf",
        "ExecReload|/bin/kill -HUP $MAINPID",
        "NoNewPrivileges|yes",
        "ProtectSystem|strict",
        "ReadWritePaths|/var/lib/danerelay",
        "ProtectHome|yes",
        "PrivateTmp|yes",
        "PrivateDevices|yes",
        "ProtectKernelTunables|yes",
        "ProtectKernelModules|yes",
        "ProtectKernelLogs|yes",
        "ProtectControlGroups|yes",
        "RestrictAddressFamilies|AF_INET AF_INET6 AF_UNIX",
        "RestrictNamespaces|yes",
        "LockPersonality|yes",
        "MemoryDenyWriteExecute|no",
        "SystemCallArchitectures|native",
        "CapabilityBoundingSet|CAP_NET_BIND_SERVICE",
        "AmbientCapabilities|CAP_NET_BIND_SERVICE",
        "Restart|on-failure",
        "TimeoutStopSec|60s",
      })
  void theServiceSectionSets(String directive, String value) throws IOException {
    assertEquals(value, service().get(directive), directive);
  }

  @Test
  void theJitsNeedForWritableExecutableMemoryIsExplainedWhereItIsAllowed() throws IOException {
    List<String> lines = Files.readAllLines(UNIT);
    int at = lines.indexOf("MemoryDenyWriteExecute=no");
    assertTrue(at > 0 && lines.get(at - 2).contains("JIT"), "a comment above says why");
  }

  @Test
  void systemdAcceptsTheUnit() throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed here");
    // verify wants ExecStart's program to exist: the launcher from this tree stands in for it.
    String text =
        Files.readString(UNIT)
            .replace(
                "/opt/danerelay/bin/danerelay", LAUNCHER.toAbsolutePath().normalize().toString());
    Path unit = Files.writeString(folder.resolve("danerelay.service"), text);
    Process verify =
        new ProcessBuilder(analyze.toString(), "verify", unit.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(verify.getInputStream().readAllBytes());
    assertTrue(verify.waitFor(60, TimeUnit.SECONDS), "systemd-analyze finishes");
    assertEquals(0, verify.exitValue(), output);
    assertEquals("", output.strip(), "no warnings");
  }

  /** The [Service] section's directives; a repeated one would be a mistake here. */
  private static Map<String, String> service() throws IOException {
    Map<String, String> directives = new HashMap<>();
    String section = "";
    for (String raw : Files.readAllLines(UNIT)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[")) {
        section = line;
        continue;
      }
      int equals = line.indexOf('=');
      if (section.equals("[Service]") && equals > 0) {
        String key = line.substring(0, equals);
        String previous = directives.put(key, line.substring(equals + 1));
        assertEquals(null, previous, key + " is set twice");
      }
    }
    return directives;
  }
}
