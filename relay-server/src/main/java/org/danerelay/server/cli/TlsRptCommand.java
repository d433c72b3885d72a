package org.danerelay.server.cli;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code danerelay tlsrpt send [--day YYYY-MM-DD]}: has the running relay send one day's TLSRPT
 * reports (RFC 8460) now, instead of at its daily run.
 */
@Command(
    name = "tlsrpt",
    mixinStandardHelpOptions = true,
    description = "TLSRPT (RFC 8460) reports of delivery TLS outcomes.",
    subcommands = {TlsRptCommand.Send.class})
final class TlsRptCommand {

  @Command(
      name = "send",
      mixinStandardHelpOptions = true,
      description = {
        "Have the running relay send one UTC day's reports now, to every domain whose",
        "_smtp._tls TXT record asks; a report already sent is not sent again.",
        "Exit 0: done, one line per domain; 1: refused (TLSRPT off, a bad day); 2: no relay runs."
      })
  static final class Send implements Callable<Integer> {

    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    @Option(
        names = "--day",
        paramLabel = "YYYY-MM-DD",
        description = "The UTC day; default yesterday (today's so far: give today's date).")
    LocalDate day;

    @Override
    public Integer call() throws Exception {
      LocalDate which = day != null ? day : LocalDate.now(ZoneOffset.UTC).minusDays(1);
      return RunningRelay.ask(
          options, spec, "tlsrpt send " + which, "(reports are sent by the relay)");
    }
  }
}
