import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sink's journal of one scenario read with what {@link RunRecords} leaves out: which node (by
 * EHLO name) sent each copy. Per pair ({@code token rcpt}), the copies delivered, the DSNs
 * reporting it failed, and the 550s the sink gave for it, each oldest first.
 */
final class SinkCopies {

  /** One thing the sink took or refused, at its final dot (or RCPT), from the node {@code helo}. */
  record Copy(long at, String helo) {}

  final Map<String, List<Copy>> deliveries = new HashMap<>();
  final Map<String, List<Copy>> bounces = new HashMap<>();
  final Map<String, List<Copy>> rejects = new HashMap<>();

  /** Deliveries (copies, not pairs) per node, by EHLO name. */
  final Map<String, Integer> deliveriesByNode = new TreeMap<>();

  static SinkCopies read(Path sinkLog) throws IOException {
    SinkCopies c = new SinkCopies();
    if (!Files.exists(sinkLog)) return c;
    for (String line : Files.readAllLines(sinkLog, StandardCharsets.US_ASCII)) {
      String[] f = line.split(" ");
      if (f.length < 5) continue;
      // DELIVER|REJECT token rcpt millis helo; DSN token rcpt millis action helo
      String helo = f[f.length - 1];
      Copy copy = new Copy(Long.parseLong(f[3]), helo);
      Map<String, List<Copy>> into =
          switch (f[0]) {
            case "DELIVER" -> c.deliveries;
            case "REJECT" -> c.rejects;
            default -> f[4].equals("failed") ? c.bounces : null;
          };
      if (into == null) continue;
      into.computeIfAbsent(RunRecords.pair(f[1], f[2]), k -> new ArrayList<>()).add(copy);
      if (f[0].equals("DELIVER")) c.deliveriesByNode.merge(helo, 1, Integer::sum);
    }
    for (Map<String, List<Copy>> m : List.of(c.deliveries, c.bounces, c.rejects)) {
      m.values().forEach(list -> list.sort(Comparator.comparingLong(Copy::at)));
    }
    return c;
  }

  /**
   * The first time after {@code after} that a node other than {@code not} settled the recipient
   * with the next hop: delivered it, or was refused it with a 550 (its bounce then follows); -1 if
   * none did.
   */
  long settledBy(String pair, String not, long after) {
    long first = -1;
    for (Map<String, List<Copy>> m : List.of(deliveries, rejects)) {
      for (Copy copy : m.getOrDefault(pair, List.of())) {
        if (copy.at() >= after && !copy.helo().equals(not) && (first < 0 || copy.at() < first)) {
          first = copy.at();
        }
      }
    }
    return first;
  }
}
