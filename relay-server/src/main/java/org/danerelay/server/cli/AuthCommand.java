package org.danerelay.server.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.danerelay.server.auth.PasswordHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code danerelay auth hash USER}: prints a line for the {@code smtpd.auth.users} file. */
@Command(
    name = "auth",
    mixinStandardHelpOptions = true,
    description = "SMTP AUTH users.",
    subcommands = {AuthCommand.Hash.class})
final class AuthCommand {

  @Command(
      name = "hash",
      mixinStandardHelpOptions = true,
      description = "Read a password (prompt, or one line on standard input) and print USER:HASH.")
  static final class Hash implements Callable<Integer> {
    @Parameters(paramLabel = "USER")
    String user;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (user.contains(":") || user.isBlank()) {
        spec.commandLine().getErr().println("danerelay: a user name has no ':' and is not blank");
        return 2;
      }
      char[] password = readPassword();
      if (password == null || password.length == 0) {
        spec.commandLine().getErr().println("danerelay: no password given");
        return 2;
      }
      spec.commandLine().getOut().println(user + ":" + PasswordHash.create(password).encode());
      return 0;
    }

    private static char[] readPassword() throws Exception {
      Console console = System.console();
      if (console != null) {
        return console.readPassword("Password for SMTP AUTH: ");
      }
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = in.readLine();
      return line == null ? null : line.toCharArray();
    }
  }
}
