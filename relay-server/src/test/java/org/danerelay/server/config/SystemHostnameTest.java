package org.danerelay.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host name comes from the kernel's file, never from DNS, with localhost as last resort. */
class SystemHostnameTest {

  @TempDir Path dir;

  @Test
  void readsTheNameTheKernelPublishes() throws IOException {
    Path file = Files.writeString(dir.resolve("hostname"), "Relay-1.example.net\n");

    assertEquals("relay-1.example.net", SystemHostname.read(file));
  }

  @Test
  void fallsBackToLocalhostWhenTheFileIsMissing() {
    assertEquals("localhost", SystemHostname.read(dir.resolve("absent")));
  }

  @Test
  void fallsBackToLocalhostWhenTheNameIsNotADnsName() throws IOException {
    Path file = Files.writeString(dir.resolve("hostname"), "(none)\n");

    assertEquals("localhost", SystemHostname.read(file));
  }
}
