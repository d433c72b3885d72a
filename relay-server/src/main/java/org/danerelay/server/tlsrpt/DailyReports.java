package org.danerelay.server.tlsrpt;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.danerelay.dane.dns.DnsLookup;
import org.danerelay.queue.BodyType;
import org.danerelay.queue.Envelope;
import org.danerelay.queue.MessageQueue;
import org.danerelay.queue.SpoolWriter;
import org.danerelay.queue.TlsRequired;
import org.danerelay.queue.TlsRptCount;
import org.danerelay.server.config.TlsRptConfig;
import org.danerelay.server.sts.HttpsClient;
import org.danerelay.server.sts.HttpsOutcome;
import org.danerelay.server.sts.HttpsRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Sends one UTC day's TLSRPT reports (RFC 8460 5): for each domain with sessions that day whose
 * {@code _smtp._tls} TXT record asks for reports, the aggregate JSON, gzip-compressed, to every
 * {@code rua}: {@code mailto:} through this relay's own queue (with {@code TLS-Required: No}, whose
 * delivery is never counted again: no report about a report), {@code https:} by POST. A report is
 * claimed in the queue database first, so a restart or a second node does not send it twice.
 */
final class DailyReports {

  private static final Logger log = LoggerFactory.getLogger("tlsrpt");
  private static final int RESPONSE_LIMIT = 64 * 1024;

  private final TlsRptConfig config;
  private final MessageQueue queue;
  private final DnsLookup dns;
  private final HttpsClient https;
  private final Optional<DkimSigner> dkim;
  private final String node;
  private final Clock clock;

  DailyReports(
      TlsRptConfig config,
      MessageQueue queue,
      DnsLookup dns,
      HttpsClient https,
      Optional<DkimSigner> dkim,
      String node,
      Clock clock) {
    this.config = config;
    this.dkim = dkim;
    this.queue = queue;
    this.dns = dns;
    this.https = https;
    this.node = node;
    this.clock = clock;
  }

  /** Sends the reports of {@code day}; one line per domain saying what became of its report. */
  List<String> send(LocalDate day) {
    Map<String, List<TlsRptCount>> byDomain = new LinkedHashMap<>();
    for (TlsRptCount count : queue.tlsRpt().day(day)) {
      byDomain.computeIfAbsent(count.policyDomain(), d -> new ArrayList<>()).add(count);
    }
    List<String> lines = new ArrayList<>();
    byDomain.forEach((domain, counts) -> lines.add(domain + ": " + sendOne(day, domain, counts)));
    return lines;
  }

  private String sendOne(LocalDate day, String domain, List<TlsRptCount> counts) {
    TlsRptRecordParser.Result record = TlsRptRecordParser.parse(txt(domain));
    if (record instanceof TlsRptRecordParser.Absent absent) {
      return "no report wanted (" + absent.why() + ")";
    }
    if (!queue.tlsRpt().claimReport(day, domain, node, clock.instant())) {
      return "already sent";
    }
    AggregateReport report =
        AggregateReport.of(
            config.organization(), config.submitter(), config.contact(), domain, day, counts);
    String json = ReportJson.write(report);
    ReportFile file = ReportFile.of(report, json);
    List<String> outcomes = new ArrayList<>();
    for (URI rua : ((TlsRptRecordParser.Found) record).rua()) {
      outcomes.add(rua + " " + deliver(report, file, rua));
    }
    String summary = String.join(", ", outcomes);
    log.info("TLSRPT report of {} for {}: {}", day, domain, summary);
    return summary;
  }

  private String deliver(AggregateReport report, ReportFile file, URI rua) {
    try {
      return rua.getScheme().equalsIgnoreCase("mailto")
          ? "queued as " + mail(report, file, address(rua))
          : post(file, rua);
    } catch (IOException | RuntimeException e) {
      log.warn("TLSRPT report for {} to {} failed: {}", report.domain(), rua, e.getMessage());
      return "failed: " + e.getMessage();
    }
  }

  private String mail(AggregateReport report, ReportFile file, String to) throws IOException {
    String id = queue.newId();
    byte[] built = ReportMail.build(report, file, to, clock.instant().atZone(ZoneOffset.UTC), id);
    byte[] message = dkim.map(signer -> signer.sign(built, clock.instant())).orElse(built);
    Envelope envelope =
        new Envelope(
            config.contact(),
            List.of(to),
            "127.0.0.1",
            config.submitter(),
            clock.instant(),
            BodyType.SEVEN_BIT,
            TlsRequired.NO);
    try (SpoolWriter spool = queue.create(id, envelope)) {
      spool.body().write(message);
      spool.commit();
    }
    return id;
  }

  /** RFC 8460 5.4: POST of the gzip file as application/tlsrpt+gzip; any 2xx is success. */
  private String post(ReportFile file, URI rua) throws IOException {
    String path = rua.getRawPath() == null || rua.getRawPath().isEmpty() ? "/" : rua.getRawPath();
    if (rua.getRawQuery() != null) {
      path += "?" + rua.getRawQuery();
    }
    HttpsRequest request =
        new HttpsRequest(
            rua.getHost(),
            rua.getPort() < 0 ? 443 : rua.getPort(),
            "POST",
            path,
            Optional.of(new HttpsRequest.Body("application/tlsrpt+gzip", file.gzip())),
            RESPONSE_LIMIT);
    HttpsOutcome outcome;
    try {
      outcome = https.exchange(request).get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("no answer: " + e.getMessage());
    }
    if (outcome instanceof HttpsOutcome.Response response && response.status() / 100 == 2) {
      return "posted (HTTP " + response.status() + ")";
    }
    throw new IOException(
        outcome instanceof HttpsOutcome.Response response
            ? "HTTP " + response.status()
            : ((HttpsOutcome.Failed) outcome).reason());
  }

  private List<String> txt(String domain) {
    Name name;
    try {
      name = Name.fromString("_smtp._tls." + domain, Name.root);
    } catch (TextParseException e) {
      return List.of();
    }
    return dns.lookup(name, Type.TXT).trustedTexts();
  }

  /** The address of a {@code mailto:} URI, without any {@code ?} headers (RFC 6068 2). */
  private static String address(URI rua) {
    String part = rua.getSchemeSpecificPart();
    int query = part.indexOf('?');
    return query < 0 ? part : part.substring(0, query);
  }
}
