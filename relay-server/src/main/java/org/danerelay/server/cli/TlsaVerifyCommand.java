package org.danerelay.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for {@code danerelay tlsa verify}; being written. */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Not yet available.")
final class TlsaVerifyCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("danerelay: tlsa verify is not available yet");
    return 2;
  }
}
