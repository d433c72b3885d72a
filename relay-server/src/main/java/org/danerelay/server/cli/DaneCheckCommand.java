package org.danerelay.server.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.danerelay.dane.authority.AuthoritySurvey;
import org.danerelay.dane.dns.DnssecSelfCheck;
import org.danerelay.dane.monitor.CheckReport;
import org.danerelay.dane.monitor.DaneCheck;
import org.danerelay.dane.monitor.DnsSurveyor;
import org.danerelay.server.config.RelayConfig;
import org.danerelay.server.monitor.ReportJson;
import org.danerelay.server.monitor.ReportTable;
import org.danerelay.server.monitor.StarttlsProbe;
import org.danerelay.server.outbound.OutboundDns;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code danerelay dane check DOMAIN}: monitors one's own inbound DANE, every MX host, address and
 * key algorithm, with Nagios exit codes so that cron and monitoring systems can run it.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = DaneCheckCommand.UNKNOWN,
    exitCodeOnExecutionException = DaneCheckCommand.UNKNOWN,
    description = {
      "Monitor DOMAIN's inbound DANE as DANE senders see it; sends no mail.",
      "For each MX host, every IPv6 and IPv4 address, and each key algorithm served",
      "(RSA, ECDSA): STARTTLS, TLS 1.2 or later, which TLSA record matches, days until",
      "the certificate expires, the TLSA TTL, the TLSA RRset on every authoritative",
      "name server (each asked directly), and the DNSSEC status of the MX, address",
      "and TLSA lookups."
    },
    exitCodeListHeading = "Exit codes (Nagios plugin convention):%n",
    exitCodeList = {
      "0:OK: every check passed",
      "1:WARNING: mail flows, but e.g. the certificate expires within 30 days, the TLSA TTL is"
          + " outside 1800-3600 s, no rollover record, name servers disagree",
      "2:CRITICAL: a DANE sender would not deliver to some address, e.g. no STARTTLS, a key"
          + " no TLSA record matches, unsigned or failed DNS, expired certificate",
      "3:UNKNOWN: bad input, or the DNS setup cannot tell secure from insecure"
    })
final class DaneCheckCommand implements Callable<Integer> {

  static final int UNKNOWN = 3;

  /** The authoritative name servers' port: 53 (RFC 1035 4.2). */
  private static final int NAME_SERVER_PORT = 53;

  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DOMAIN", description = "The mail domain to check, e.g. example.nl.")
  String domain;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "25",
      description = "SMTP port to probe; also names the TLSA records _PORT._tcp (default 25).")
  int port;

  @Option(
      names = "--json",
      description = "Print one JSON object (status, and one entry per host, address and key).")
  boolean json;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "How long one SMTP probe may take, connect to QUIT (default 30).")
  int timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (port < 1 || port > 65535 || timeoutSeconds < 1) {
      err.println("danerelay: --port must be 1-65535 and --timeout at least 1");
      return UNKNOWN;
    }
    Name name;
    try {
      name = Name.fromString(domain.strip(), Name.root);
    } catch (TextParseException e) {
      err.println("danerelay: not a domain name: '" + domain + "': " + e.getMessage());
      return UNKNOWN;
    }
    if (name.equals(Name.root) || domain.contains("[")) {
      err.println("danerelay: name a mail domain, e.g. example.nl: '" + domain + "'");
      return UNKNOWN;
    }
    RelayConfig config = options.load();
    OutboundDns dns = OutboundDns.create(config.dns(), Clock.systemUTC());
    DnssecSelfCheck.Result selfCheck = dns.selfCheck();
    if (!selfCheck.ok()) {
      // Without SECURE answers every check would fail for the wrong reason: say so instead.
      err.println("danerelay: cannot judge DNSSEC: " + selfCheck.message());
      return UNKNOWN;
    }
    AuthoritySurvey authority =
        new AuthoritySurvey(dns.lookup(), NAME_SERVER_PORT, config.dns().timeout());
    DaneCheck check =
        new DaneCheck(
            new DnsSurveyor(dns.lookup(), authority, port),
            new StarttlsProbe(config.hostname(), Duration.ofSeconds(timeoutSeconds)),
            port,
            Clock.systemUTC());
    CheckReport report = check.run(name);
    out.print(json ? ReportJson.of(report) + "\n" : ReportTable.of(report));
    out.flush();
    return report.status().exitCode();
  }
}
