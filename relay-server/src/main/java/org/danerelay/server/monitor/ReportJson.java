package org.danerelay.server.monitor;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.danerelay.dane.dns.Security;
import org.danerelay.dane.monitor.AuthorityCopy;
import org.danerelay.dane.monitor.CheckEntry;
import org.danerelay.dane.monitor.CheckReport;
import org.danerelay.dane.monitor.Finding;
import org.danerelay.dane.monitor.ServedKey;
import org.danerelay.server.json.JsonWriter;

/**
 * {@code dane check --json}: the report as one JSON object for monitoring systems, with the overall
 * {@code status} and one entry per host, address and key algorithm in {@code checks}. Absent facts
 * (no TLS session, no TLSA records) are {@code null}.
 */
public final class ReportJson {

  private ReportJson() {}

  public static String of(CheckReport report) {
    JsonWriter json = new JsonWriter().beginObject();
    json.name("domain").value(report.domain());
    json.name("status").value(report.status().label());
    findings(json, report.findings());
    json.name("checks").beginArray();
    for (CheckEntry entry : report.entries()) {
      entry(json, entry);
    }
    return json.endArray().endObject().toString();
  }

  private static void entry(JsonWriter json, CheckEntry entry) {
    Optional<ServedKey> served = entry.served();
    json.beginObject();
    json.name("host").value(entry.host());
    json.name("address").value(entry.address().map(AddressText::of).orElse(null));
    json.name("algorithm").value(entry.algorithm().orElse(null));
    json.name("status").value(entry.status().label());
    json.name("starttls");
    entry.starttls().ifPresentOrElse(json::value, json::nullValue);
    json.name("protocol").value(served.map(ServedKey::protocol).orElse(null));
    json.name("cipher").value(served.map(ServedKey::cipher).orElse(null));
    json.name("matched")
        .value(served.flatMap(ServedKey::matched).map(Object::toString).orElse(null));
    json.name("reason").value(entry.reason());
    json.name("certificate_days_left");
    served.ifPresentOrElse(s -> json.value(s.daysLeft()), json::nullValue);
    json.name("certificate_subject").value(served.map(ServedKey::subject).orElse(null));
    json.name("served_key_tlsa").value(served.map(s -> s.tlsa().toString()).orElse(null));
    json.name("tlsa_ttl");
    entry.tlsaTtl().ifPresentOrElse(json::value, json::nullValue);
    json.name("authoritative").beginArray();
    for (AuthorityCopy copy : served.map(ServedKey::authoritative).orElse(List.of())) {
      authority(json, copy);
    }
    json.endArray();
    json.name("dnssec").beginObject();
    json.name("mx").value(label(entry.dnssec().mx()));
    json.name("address").value(label(entry.dnssec().address()));
    json.name("tlsa").value(entry.dnssec().tlsa().map(ReportJson::label).orElse(null));
    json.endObject();
    findings(json, entry.findings());
    json.endObject();
  }

  private static void authority(JsonWriter json, AuthorityCopy copy) {
    json.beginObject();
    json.name("server").value(copy.server());
    json.name("address").value(copy.address().map(AddressText::of).orElse(null));
    json.name("answer").value(copy.answer());
    json.name("records").beginArray();
    copy.rdata().forEach(json::value);
    json.endArray();
    json.name("matches_served_key");
    copy.matchesServedKey().ifPresentOrElse(json::value, json::nullValue);
    json.endObject();
  }

  private static void findings(JsonWriter json, List<Finding> findings) {
    json.name("findings").beginArray();
    for (Finding finding : findings) {
      json.beginObject();
      json.name("check").value(finding.check().id());
      json.name("status").value(finding.severity().label());
      json.name("detail").value(finding.detail());
      json.endObject();
    }
    json.endArray();
  }

  private static String label(Security security) {
    return security.name().toLowerCase(Locale.ROOT);
  }
}
