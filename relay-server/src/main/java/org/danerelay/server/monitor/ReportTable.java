package org.danerelay.server.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.danerelay.dane.monitor.CheckEntry;
import org.danerelay.dane.monitor.CheckReport;
import org.danerelay.dane.monitor.Finding;
import org.danerelay.dane.monitor.ServedKey;
import org.danerelay.dane.monitor.Severity;

/**
 * {@code dane check} for a person: a first line in the Nagios plugin form ({@code CRITICAL
 * example.nl: ...}), then one row per host, address and key, each failed check under its row.
 */
public final class ReportTable {

  private static final List<String> HEADER =
      List.of("STATUS", "HOST", "ADDRESS", "KEY", "TLS", "TLSA MATCHED", "DAYS", "TTL", "DNSSEC");

  private ReportTable() {}

  public static String of(CheckReport report) {
    StringBuilder text = new StringBuilder();
    text.append(report.status().name())
        .append(' ')
        .append(report.domain())
        .append(": ")
        .append(summary(report))
        .append('\n');
    for (Finding finding : report.findings()) {
      text.append("  ").append(finding).append('\n');
    }
    if (report.entries().isEmpty()) {
      return text.toString();
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (CheckEntry entry : report.entries()) {
      rows.add(row(entry));
    }
    int[] widths = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    text.append('\n');
    for (int r = 0; r < rows.size(); r++) {
      text.append(line(rows.get(r), widths)).append('\n');
      if (r > 0) {
        for (Finding finding : report.entries().get(r - 1).findings()) {
          text.append("    ").append(finding).append('\n');
        }
      }
    }
    return text.toString();
  }

  private static String summary(CheckReport report) {
    List<String> parts = new ArrayList<>();
    for (Severity severity : List.of(Severity.CRITICAL, Severity.WARNING, Severity.OK)) {
      long n = report.count(severity);
      if (n > 0) {
        parts.add(n + " " + severity.label());
      }
    }
    int all = report.entries().size();
    return (parts.isEmpty() ? "nothing to check" : String.join(", ", parts))
        + " ("
        + all
        + (all == 1 ? " check)" : " checks)");
  }

  private static List<String> row(CheckEntry entry) {
    var served = entry.served();
    String dnssec =
        lower(entry.dnssec().mx().name())
            + "/"
            + lower(entry.dnssec().address().name())
            + "/"
            + entry.dnssec().tlsa().map(s -> lower(s.name())).orElse("-");
    return List.of(
        entry.status().label(),
        entry.host(),
        entry.address().map(AddressText::of).orElse("-"),
        entry.algorithm().orElse("-"),
        served
            .map(ServedKey::protocol)
            .orElse(entry.starttls().map(s -> s ? "failed" : "no STARTTLS").orElse("-")),
        served.flatMap(ServedKey::matched).map(r -> r.shortForm()).orElse("-"),
        served.map(s -> Long.toString(s.daysLeft())).orElse("-"),
        entry.tlsaTtl().isPresent() ? Long.toString(entry.tlsaTtl().getAsLong()) : "-",
        dnssec);
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      line.append(cell);
      if (i < cells.size() - 1) {
        line.append(" ".repeat(widths[i] - cell.length() + 2));
      }
    }
    return line.toString();
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
