package org.danerelay.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths resolve against the config file's folder; TLS certificate and key come as a pair. */
class ConfigPathsAndTlsTest {

  @TempDir Path dir;

  @Test
  void relativePathsResolveAgainstTheConfigFolderNotTheWorkingDirectory() {
    Path conf = dir.resolve("instance").resolve("conf");
    ConfigFiles.touch(conf.resolve("tls").resolve("chain.pem"));
    ConfigFiles.touch(conf.resolve("tls").resolve("key.pem"));
    Path file =
        ConfigFiles.write(
            conf,
            "smtpd.tls.cert = tls/chain.pem",
            "smtpd.tls.key = ./tls/key.pem",
            "data.dir = ../state",
            "log.file = ../logs/relay.log");

    RelayConfig config = ConfigLoader.load(file, List.of());

    assertEquals(Optional.of(conf.resolve("tls/chain.pem")), config.tlsCert());
    assertEquals(Optional.of(conf.resolve("tls/key.pem")), config.tlsKey());
    assertEquals(dir.resolve("instance").resolve("state"), config.dataDir());
    assertEquals(Optional.of(dir.resolve("instance/logs/relay.log")), config.logFile());
  }

  @Test
  void defaultDataDirFollowsACopiedConfFolder() throws IOException {
    Path first = ConfigFiles.write(dir.resolve("a").resolve("conf"));
    Path copy = dir.resolve("b").resolve("conf").resolve("relay.conf");
    Files.createDirectories(copy.getParent());
    Files.copy(first, copy);

    assertEquals(dir.resolve("a/data"), ConfigLoader.load(first, List.of()).dataDir());
    assertEquals(dir.resolve("b/data"), ConfigLoader.load(copy, List.of()).dataDir());
  }

  @Test
  void absolutePathsAreKeptAsWritten() {
    Path data = dir.resolve("elsewhere").toAbsolutePath();
    Path file = ConfigFiles.write(dir.resolve("conf"), "data.dir = " + data);

    assertEquals(data, ConfigLoader.load(file, List.of()).dataDir());
  }

  @Test
  void overridePathsResolveAgainstTheConfigFolderToo() {
    Path file = ConfigFiles.write(dir.resolve("conf"));

    RelayConfig config = ConfigLoader.load(file, List.of("data.dir=spool"));

    assertEquals(dir.resolve("conf").resolve("spool"), config.dataDir());
  }

  @Test
  void certificateWithoutKeyFailsAtTheCertificateLine() {
    ConfigFiles.touch(dir.resolve("chain.pem"));
    Path file = ConfigFiles.write(dir, "log.level = info", "smtpd.tls.cert = chain.pem");

    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));

    assertEquals(
        file + ":2: smtpd.tls.cert is set but smtpd.tls.key is not (set both or neither)",
        e.getMessage());
  }

  @Test
  void aDkimSelectorWithoutItsKeyFailsAtTheSelectorLine() {
    Path file = ConfigFiles.write(dir, "log.level = info", "tlsrpt.dkim.selector = tlsrpt");

    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));

    assertEquals(
        file + ":2: tlsrpt.dkim.selector is set but tlsrpt.dkim.key is not (set both or neither)",
        e.getMessage());
  }

  @Test
  void keyWithoutCertificateFailsAtTheKeyLine() {
    ConfigFiles.touch(dir.resolve("key.pem"));
    Path file = ConfigFiles.write(dir, "smtpd.tls.cert =", "smtpd.tls.key = key.pem");

    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));

    assertEquals(
        file + ":2: smtpd.tls.key is set but smtpd.tls.cert is not (set both or neither)",
        e.getMessage());
  }

  @Test
  void keyGivenOnlyAsOverrideFailsAtTheOverride() {
    Path file = ConfigFiles.write(dir);

    ConfigException e =
        assertThrows(
            ConfigException.class, () -> ConfigLoader.load(file, List.of("smtpd.tls.key=k.pem")));

    assertEquals(
        "--set smtpd.tls.key=k.pem: smtpd.tls.key is set but smtpd.tls.cert is not"
            + " (set both or neither)",
        e.getMessage());
  }

  @Test
  void missingCertificateFileFailsAtItsLine() {
    ConfigFiles.touch(dir.resolve("key.pem"));
    Path file = ConfigFiles.write(dir, "smtpd.tls.cert = chian.pem", "smtpd.tls.key = key.pem");

    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));

    assertEquals(
        file + ":1: smtpd.tls.cert: cannot read file " + dir.resolve("chian.pem"), e.getMessage());
  }

  @Test
  void sameAddressOnBothListenKeysFailsAtTheSecond() {
    Path file =
        ConfigFiles.write(
            dir, "smtpd.listen = 127.0.0.1:2525", "smtpd.submission.listen = 127.0.0.1:2525");

    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));

    assertEquals(
        file + ":2: smtpd.submission.listen: 127.0.0.1:2525 is listed twice across the listen keys",
        e.getMessage());
  }

  @Test
  void portZeroMayRepeatBecauseEachListenerGetsItsOwnFreePort() {
    Path file =
        ConfigFiles.write(
            dir, "smtpd.listen = 127.0.0.1:0", "smtpd.submission.listen = 127.0.0.1:0");

    assertEquals(1, ConfigLoader.load(file, List.of()).submissionListen().size());
  }
}
