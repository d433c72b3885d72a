package org.danerelay.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for {@code danerelay tlsa generate}; being written. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Not yet available.")
final class TlsaGenerateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("danerelay: tlsa generate is not available yet");
    return 2;
  }
}
