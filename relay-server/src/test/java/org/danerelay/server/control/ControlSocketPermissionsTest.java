package org.danerelay.server.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.danerelay.server.testing.RelayFixture;
import org.danerelay.server.testing.RelayPerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The control socket lets whoever can open it flush and read the queue: only its owner may. */
class ControlSocketPermissionsTest {

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();

  @Test
  void createsTheControlSocketOwnerOnly() throws Exception {
    RelayFixture relay = relays.start();
    Path socket = relay.config().dataDir().resolve("control.sock");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
  }
}
