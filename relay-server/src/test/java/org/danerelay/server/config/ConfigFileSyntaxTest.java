package org.danerelay.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How lines of the config file are read: comments, blank lines, keys, values and errors. */
class ConfigFileSyntaxTest {

  @TempDir Path dir;

  @Test
  void ignoresCommentLinesIndentedCommentsAndBlankLines() {
    Path file =
        ConfigFiles.write(
            dir, "# a comment", "", "   ", "    # an indented comment", "smtpd.max-recipients = 7");

    assertEquals(7, ConfigLoader.load(file, List.of()).maxRecipients());
  }

  @Test
  void treatsHashAfterAValueAsPartOfTheValueAndSaysSo() {
    Path file = ConfigFiles.write(dir, "smtpd.max-recipients = 7 # seven");

    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));

    assertEquals(
        file
            + ":1: smtpd.max-recipients: not a whole number"
            + " (a '#' after a value is part of the value; put comments on their own line)",
        e.getMessage());
  }

  @Test
  void splitsAtTheFirstEqualsSoValuesMayContainEquals() {
    Path file = ConfigFiles.write(dir, "queue.url = jdbc:h2:file:/tmp/q;MODE=PostgreSQL;A=B");

    assertEquals(
        Optional.of("jdbc:h2:file:/tmp/q;MODE=PostgreSQL;A=B"),
        ConfigLoader.load(file, List.of()).queueUrl());
  }

  @Test
  void acceptsKeysAndValuesWithoutSpacesAroundEquals() {
    Path file = ConfigFiles.write(dir, "smtpd.max-recipients=7");

    assertEquals(7, ConfigLoader.load(file, List.of()).maxRecipients());
  }

  @Test
  void readsAnEmptyValueAsNotSet() {
    Path file = ConfigFiles.write(dir, "smtpd.tls.cert =", "smtpd.tls.key =", "smtpd.listen =");

    RelayConfig config = ConfigLoader.load(file, List.of());

    assertEquals(Optional.empty(), config.tlsCert());
    assertEquals(List.of(), config.smtpdListen());
  }

  @Test
  void namesTheLineOfAnUnknownKeyAndSuggestsTheNearestKnownOne() {
    Path file = ConfigFiles.write(dir, "# listeners", "", "smtpd.lisen = 127.0.0.1:25");

    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));

    assertEquals(
        file + ":3: unknown key 'smtpd.lisen' (did you mean 'smtpd.listen'?)", e.getMessage());
  }

  @Test
  void suggestsNothingForAnUnknownKeyFarFromEveryKnownKey() {
    Path file = ConfigFiles.write(dir, "colour = blue");

    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));

    assertEquals(file + ":1: unknown key 'colour'", e.getMessage());
  }

  @Test
  void rejectsARepeatedKeyNamingBothLines() {
    Path file =
        ConfigFiles.write(
            dir, "smtpd.max-recipients = 5", "log.level = info", "smtpd.max-recipients = 6");

    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));

    assertEquals(
        file + ":3: duplicate key 'smtpd.max-recipients', already set on line 1", e.getMessage());
  }

  @Test
  void rejectsALineWithoutEquals() {
    Path file = ConfigFiles.write(dir, "smtpd.listen 127.0.0.1:25");

    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));

    assertEquals(file + ":1: expected 'key = value'", e.getMessage());
  }

  @Test
  void rejectsALineWithoutAKey() {
    Path file = ConfigFiles.write(dir, "= 127.0.0.1:25");

    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));

    assertEquals(file + ":1: missing key before '='", e.getMessage());
  }

  @Test
  void reportsAMissingFileAsCannotRead() {
    Path missing = dir.resolve("nowhere.conf");

    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(missing, List.of()));

    assertEquals(missing + ": cannot read: no such file", e.getMessage());
  }

  @Test
  void namesTheFileAsGivenNotAsResolved() {
    Path relative = Path.of("no-such-folder", "relay.conf");

    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(relative, List.of()));

    assertEquals("no-such-folder/relay.conf: cannot read: no such file", e.getMessage());
  }

  @Test
  void ignoresAByteOrderMarkBeforeTheFirstKey() throws IOException {
    Path file = dir.resolve("relay.conf");
    Files.writeString(file, "\uFEFFsmtpd.max-recipients = 7\n", StandardCharsets.UTF_8);

    assertEquals(7, ConfigLoader.load(file, List.of()).maxRecipients());
  }

  @Test
  void usesTheSystemHostNameWhenNoneIsConfigured() {
    Path file = ConfigFiles.write(dir, "smtpd.hostname =");

    RelayConfig config = new ConfigLoader(() -> "mx1.example.net").read(file, List.of());

    assertEquals("mx1.example.net", config.hostname());
  }

  @Test
  void lowerCasesTheConfiguredHostNameAndLocalDomainsAndDropsTrailingDots() {
    Path file =
        ConfigFiles.write(
            dir,
            "smtpd.hostname = MX.Example.ORG.",
            "local.domains = Example.org., b.example",
            "local.forward = 192.0.2.25:25");

    RelayConfig config = new ConfigLoader(() -> "unused").read(file, List.of());

    assertEquals("mx.example.org", config.hostname());
    assertEquals(Set.of("example.org", "b.example"), config.localDomains());
  }
}
