package org.danerelay.server.tlsrpt;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.danerelay.queue.TlsRptCount;
import org.danerelay.server.json.JsonWriter;

/** Writes an {@link AggregateReport} as the JSON of RFC 8460 4.4, field names as it spells them. */
final class ReportJson {

  private ReportJson() {}

  static String write(AggregateReport report) {
    JsonWriter json = new JsonWriter().beginObject();
    json.name("organization-name").value(report.organization());
    json.name("date-range")
        .beginObject()
        .name("start-datetime")
        .value(dateTime(report.start()))
        .name("end-datetime")
        .value(dateTime(report.end()))
        .endObject();
    json.name("contact-info").value(report.contact());
    json.name("report-id").value(report.reportId());
    json.name("policies").beginArray();
    for (AggregateReport.PolicyResults policy : report.policies()) {
      policy(json, report.domain(), policy);
    }
    return json.endArray().endObject().toString();
  }

  private static void policy(JsonWriter json, String domain, AggregateReport.PolicyResults policy) {
    json.beginObject().name("policy").beginObject();
    json.name("policy-type").value(policy.type());
    strings(json.name("policy-string"), policy.policyString());
    json.name("policy-domain").value(domain);
    if (!policy.mxHosts().isEmpty()) {
      strings(json.name("mx-host"), policy.mxHosts());
    }
    json.endObject();
    json.name("summary")
        .beginObject()
        .name("total-successful-session-count")
        .value(policy.successes())
        .name("total-failure-session-count")
        .value(policy.failures())
        .endObject();
    json.name("failure-details").beginArray();
    for (TlsRptCount failure : policy.failureDetails()) {
      json.beginObject().name("result-type").value(failure.resultType());
      // A policy that could not be fetched failed before any host: those fields are left out.
      optional(json, "sending-mta-ip", failure.sendingIp());
      optional(json, "receiving-mx-hostname", failure.mxHost());
      optional(json, "receiving-ip", failure.receivingIp());
      json.name("failed-session-count").value(failure.sessions()).endObject();
    }
    json.endArray().endObject();
  }

  private static void optional(JsonWriter json, String name, String value) {
    if (!value.isEmpty()) {
      json.name(name).value(value);
    }
  }

  private static void strings(JsonWriter json, java.util.List<String> values) {
    json.beginArray();
    values.forEach(json::value);
    json.endArray();
  }

  /** RFC 3339 in UTC, to the second: {@code 2026-12-04T00:00:00Z}. */
  private static String dateTime(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
