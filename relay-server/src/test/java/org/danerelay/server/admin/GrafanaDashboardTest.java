package org.danerelay.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.danerelay.server.testing.AdminClient;
import org.danerelay.server.testing.MetricsPage;
import org.danerelay.server.testing.RelayPerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shipped {@code conf/grafana-dashboard.json} is valid JSON that Grafana can import, and every
 * query in it asks for metrics, and groups by labels, that a running relay's {@code /metrics}
 * really has.
 */
class GrafanaDashboardTest {

  /** Tests run in the module folder; the shipped file sits one level up. */
  private static final Path DASHBOARD = Path.of("..", "conf", "grafana-dashboard.json");

  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
  private static final Set<String> KEYWORDS =
      Set.of("by", "without", "on", "ignoring", "offset", "bool", "and", "or", "unless");

  /** Labels Prometheus adds when it scrapes. */
  private static final Set<String> TARGET_LABELS = Set.of("instance", "job");

  @RegisterExtension final RelayPerTest relays = new RelayPerTest();
  private MetricsPage exported;
  private JsonObject dashboard;

  @BeforeEach
  void readBoth() throws Exception {
    int port = relays.start().adminPort().orElseThrow();
    exported = MetricsPage.parse(AdminClient.get(port, "/metrics").body());
    dashboard = JsonParser.parseString(Files.readString(DASHBOARD)).getAsJsonObject();
  }

  @Test
  void everyQueryNamesOnlyMetricsTheRelayExports() {
    List<String> exprs = exprs();
    assertFalse(exprs.isEmpty());
    for (String expr : exprs) {
      Set<String> metrics = metricNames(expr);
      assertFalse(metrics.isEmpty(), expr);
      for (String metric : metrics) {
        assertTrue(exported.names().contains(metric), metric + " is not exported; in " + expr);
      }
    }
  }

  @Test
  void everyQueryGroupsOnlyByLabelsItsMetricsHave() {
    for (String expr : exprs()) {
      Set<String> labels = new HashSet<>(TARGET_LABELS);
      for (String metric : metricNames(expr)) {
        exported.samples().stream()
            .filter(s -> s.name().equals(metric))
            .forEach(s -> labels.addAll(s.labels().keySet()));
      }
      Matcher grouping = GROUPING.matcher(expr);
      while (grouping.find()) {
        for (String label : grouping.group(1).split(",")) {
          assertTrue(labels.contains(label.strip()), label + " is on none of its metrics: " + expr);
        }
      }
    }
  }

  @Test
  void everyRelayMetricHasAPanelAndTheDelayHasItsMedianAndP99() {
    Set<String> shown = new TreeSet<>();
    exprs().forEach(expr -> shown.addAll(metricNames(expr)));
    for (String metric :
        List.of(
            "danerelay_messages_accepted_total",
            "danerelay_deliveries_total",
            "danerelay_dane_failures_total",
            "danerelay_queue_recipients",
            "danerelay_queue_oldest_seconds",
            "danerelay_delivery_delay_seconds_bucket")) {
      assertTrue(shown.contains(metric), metric + " has no panel: " + shown);
    }
    List<String> exprs = exprs();
    assertTrue(exprs.stream().anyMatch(e -> e.startsWith("histogram_quantile(0.5,")), "p50");
    assertTrue(exprs.stream().anyMatch(e -> e.startsWith("histogram_quantile(0.99,")), "p99");
    assertTrue(exprs.stream().anyMatch(e -> e.contains("sum by (status)")), "by status");
    assertTrue(exprs.stream().anyMatch(e -> e.contains("sum by (tls)")), "by tls");
    assertTrue(exprs.stream().anyMatch(e -> e.contains("sum by (kind)")), "DANE by kind");
  }

  @Test
  void importsIntoGrafanaWithAPrometheusDataSourceVariable() {
    int schema = dashboard.get("schemaVersion").getAsInt();
    assertTrue(schema >= 36 && schema <= 41, "schemaVersion " + schema);
    assertEquals("danerelay", dashboard.get("uid").getAsString());
    JsonObject datasource = null;
    for (JsonElement variable : dashboard.getAsJsonObject("templating").getAsJsonArray("list")) {
      if (variable.getAsJsonObject().get("name").getAsString().equals("datasource")) {
        datasource = variable.getAsJsonObject();
      }
    }
    assertTrue(datasource != null, "a datasource variable");
    assertEquals("datasource", datasource.get("type").getAsString());
    assertEquals("prometheus", datasource.get("query").getAsString());
    Set<Integer> ids = new HashSet<>();
    for (JsonObject panel : panels()) {
      assertTrue(ids.add(panel.get("id").getAsInt()), "panel ids are unique");
      assertTrue(panel.has("gridPos"), panel.get("title").getAsString());
      if (!panel.get("type").getAsString().equals("row")) {
        String uid = panel.getAsJsonObject("datasource").get("uid").getAsString();
        assertEquals("${datasource}", uid, panel.get("title").getAsString());
        assertFalse(panel.getAsJsonArray("targets").isEmpty(), panel.get("title").getAsString());
      }
    }
  }

  /**
   * Metric names in a PromQL expression: identifiers that are not functions, keywords or labels.
   */
  static Set<String> metricNames(String expr) {
    String bare =
        expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"") // string literals
            .replaceAll("\\{[^}]*\\}", " ") // label matchers
            .replaceAll("\\[[^\\]]*\\]", " "); // ranges, $__rate_interval
    bare = GROUPING.matcher(bare).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher identifier = IDENTIFIER.matcher(bare);
    while (identifier.find()) {
      String word = identifier.group();
      boolean call = bare.substring(identifier.end()).stripLeading().startsWith("(");
      boolean number = identifier.start() > 0 && bare.charAt(identifier.start() - 1) == '.';
      if (!call && !number && !KEYWORDS.contains(word)) {
        names.add(word);
      }
    }
    return names;
  }

  private List<String> exprs() {
    List<String> exprs = new ArrayList<>();
    for (JsonObject panel : panels()) {
      JsonArray targets = panel.getAsJsonArray("targets");
      if (targets != null) {
        targets.forEach(t -> exprs.add(t.getAsJsonObject().get("expr").getAsString()));
      }
    }
    return exprs;
  }

  /** Every panel, those inside collapsed rows too. */
  private List<JsonObject> panels() {
    List<JsonObject> all = new ArrayList<>();
    for (JsonElement panel : dashboard.getAsJsonArray("panels")) {
      all.add(panel.getAsJsonObject());
      JsonArray nested = panel.getAsJsonObject().getAsJsonArray("panels");
      if (nested != null) {
        nested.forEach(p -> all.add(p.getAsJsonObject()));
      }
    }
    return all;
  }
}
