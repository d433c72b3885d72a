package org.danerelay.server.cli;

import org.danerelay.server.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one clear line on standard error and exit code 2 (or the command's own code
 * for bad input): a configuration error reads {@code file:line: reason}, never a stack trace.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

  static final int BAD_INPUT = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    String message = e instanceof ConfigException ? e.getMessage() : describe(e);
    cli.getErr().println("danerelay: " + message);
    // A command may name its own code for bad input ('dane check': 3, Nagios UNKNOWN).
    int own = cli.getCommandSpec().exitCodeOnExecutionException();
    return own == CommandLine.ExitCode.SOFTWARE ? BAD_INPUT : own;
  }

  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
        text.append(": ").append(cause.getMessage());
      }
    }
    return text.toString();
  }
}
