package org.danerelay.server.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest that Maven writes. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = DaneRelayCommand.class.getPackage().getImplementationVersion();
    return new String[] {
      "DaneRelay " + (version == null ? "(development build)" : version),
      "Java " + System.getProperty("java.version")
    };
  }
}
