package org.danerelay.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --set key=value} overrides: applied after the file and validated the same way. */
class ConfigOverridesTest {

  @TempDir Path dir;

  @Test
  void overrideWinsOverTheFile() {
    Path file = ConfigFiles.write(dir, "smtpd.max-recipients = 5");

    RelayConfig config = ConfigLoader.load(file, List.of("smtpd.max-recipients=9"));

    assertEquals(9, config.maxRecipients());
  }

  @Test
  void laterOverrideWinsOverAnEarlierOne() {
    Path file = ConfigFiles.write(dir);

    RelayConfig config = ConfigLoader.load(file, List.of("log.level=debug", "log.level = warn"));

    assertEquals(LogLevel.WARN, config.logLevel());
  }

  @Test
  void badOverrideValueIsReportedWithTheOverrideAsWritten() {
    Path file = ConfigFiles.write(dir);

    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.load(file, List.of("smtpd.max-recipients=abc")));

    assertEquals("--set smtpd.max-recipients=abc: not a whole number", e.getMessage());
  }

  @Test
  void unknownOverrideKeyGetsASuggestion() {
    Path file = ConfigFiles.write(dir);

    ConfigException e =
        assertThrows(
            ConfigException.class, () -> ConfigLoader.load(file, List.of("smtpd.lisen=[::1]:25")));

    assertEquals(
        "--set smtpd.lisen=[::1]:25: unknown key 'smtpd.lisen' (did you mean 'smtpd.listen'?)",
        e.getMessage());
  }

  @Test
  void overrideWithoutEqualsIsRejected() {
    Path file = ConfigFiles.write(dir);

    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of("log.level")));

    assertEquals("--set log.level: expected 'key = value'", e.getMessage());
  }

  @Test
  void badFileValueStopsStartUpEvenWhenAnOverrideReplacesIt() {
    Path file = ConfigFiles.write(dir, "smtpd.idle-timeout = soon");

    ConfigException e =
        assertThrows(
            ConfigException.class, () -> ConfigLoader.load(file, List.of("smtpd.idle-timeout=1m")));

    assertEquals(
        file
            + ":1: smtpd.idle-timeout: not a duration: 'soon' (a whole number with ms, s, m, h or d)",
        e.getMessage());
  }

  @Test
  void overrideCanEmptyAValueTheFileSet() {
    Path file = ConfigFiles.write(dir, "local.domains = example.org");

    RelayConfig config = ConfigLoader.load(file, List.of("local.domains="));

    assertEquals(Set.of(), config.localDomains());
  }

  @Test
  void defaultsTakeOverridesWithoutReadingAnyFile() {
    Path neverRead = dir.resolve("absent").resolve("relay.conf");

    RelayConfig config =
        ConfigLoader.defaults(neverRead, List.of("smtpd.listen=127.0.0.1:0", "data.dir=state"));

    assertEquals(List.of(new HostPort("127.0.0.1", 0)), config.smtpdListen());
    assertEquals(dir.resolve("absent").resolve("state"), config.dataDir());
  }
}
