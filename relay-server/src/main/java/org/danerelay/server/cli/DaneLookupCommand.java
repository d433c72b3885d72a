package org.danerelay.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for {@code danerelay dane lookup}; being written. */
@Command(name = "lookup", mixinStandardHelpOptions = true, description = "Not yet available.")
final class DaneLookupCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("danerelay: dane lookup is not available yet");
    return 2;
  }
}
