package org.danerelay.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.danerelay.dane.publish.TlsaLine;
import org.danerelay.server.config.RelayConfig;
import org.danerelay.server.rollover.RolloverFiles;
import org.danerelay.server.rollover.RolloverScheme;
import org.danerelay.server.rollover.RolloverStart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code danerelay tlsa rollover init}: the next key, its request, and the records to publish. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Make the next key beside the current one (mode 0600) with a certificate request for it,"
          + " and print the records to publish now:",
      "  current+next:   the current key's 3 1 1 and the next key's 3 1 1;",
      "  current+issuer: the current key's 3 1 1 and the issuing CA's 2 1 1.",
      "Exit 0: done; 2: bad input."
    })
final class RolloverInitCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Option(
      names = "--scheme",
      required = true,
      paramLabel = "current+next|current+issuer",
      description = "Which record stands in for the next certificate.")
  String scheme;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "MX host the records are for; repeatable. Default: smtpd.hostname.")
  List<String> hosts = new ArrayList<>();

  @Option(names = "--port", defaultValue = "25", description = "Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--algorithm",
      paramLabel = "rsa|ec",
      description =
          "The next key's kind. Default: the current key's (EC on its curve, RSA >= 2048).")
  String algorithm;

  @Option(
      names = "--issuer",
      paramLabel = "BUNDLE",
      description =
          "current+issuer: CA certificates holding the issuer; default: the chain in"
              + " smtpd.tls.cert.")
  Path issuer;

  @Override
  public Integer call() throws IOException, GeneralSecurityException {
    RelayConfig config = options.load();
    PrintWriter out = spec.commandLine().getOut();
    try {
      RolloverScheme chosen = RolloverScheme.parse(scheme);
      if (algorithm != null && !algorithm.equals("rsa") && !algorithm.equals("ec")) {
        throw new IllegalArgumentException(
            "--algorithm must be rsa or ec, got '" + algorithm + "'");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("--port must be 1-65535, got " + port);
      }
      RolloverStart.Started started =
          RolloverStart.start(
              RolloverFiles.of(config),
              chosen,
              RolloverHosts.of(hosts, config),
              port,
              Optional.ofNullable(algorithm),
              Optional.ofNullable(issuer),
              Clock.systemUTC());
      out.println("next key: " + started.nextKey() + " (" + started.keyKind() + ", mode 0600)");
      out.println(
          "certificate request for it: "
              + started.request()
              + (chosen == RolloverScheme.CURRENT_NEXT
                  ? " (for your CA or ACME client, e.g. certbot certonly --csr FILE;"
                      + " a self-signed relay needs none)"
                  : " (for the same CA: the new certificate must chain to the issuer below)"));
      out.println(
          "; "
              + chosen
              + " (RFC 7671 8.1): publish these now; promote once 'danerelay tlsa rollover status'"
              + " says they have been on every authoritative name server for two TTLs");
      started.publish().stream().map(TlsaLine::toString).forEach(out::println);
      out.flush();
      return 0;
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("danerelay: " + e.getMessage());
      return ErrorReporter.BAD_INPUT;
    }
  }
}
