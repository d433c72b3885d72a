import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The top of a JFR recording's CPU profile: which methods the sampled threads were running (self)
 * and which methods were on their stacks (inclusive), as a share of all execution samples.
 *
 * <pre>
 * java scripts/bench/JfrTop.java RECORDING.jfr [--top N] [--only SUBSTRING] [--thread SUBSTRING]
 *                                [--event jdk.ExecutionSample|jdk.ObjectAllocationSample]
 * </pre>
 *
 * <p>JDK 17's {@code jfr print} fails on some frames of hidden classes; the consumer API reads
 * them. {@code --only} limits the inclusive list to frames whose name contains the text;
 * {@code --thread} keeps only samples of threads whose name contains it. With {@code
 * jdk.ObjectAllocationSample} the shares are of sampled allocation weight (bytes), not counts.
 */
public final class JfrTop {

  public static void main(String[] args) throws IOException {
    Path file = null;
    int top = 25;
    String only = "";
    String thread = "";
    String event = "jdk.ExecutionSample";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--top" -> top = Integer.parseInt(args[++i]);
        case "--only" -> only = args[++i];
        case "--thread" -> thread = args[++i];
        case "--event" -> event = args[++i];
        default -> file = Path.of(args[i]);
      }
    }
    if (file == null) {
      System.err.println("usage: JfrTop RECORDING.jfr [--top N] [--only TEXT] [--thread TEXT]");
      System.exit(2);
    }
    Map<String, Double> self = new HashMap<>();
    Map<String, Double> inclusive = new HashMap<>();
    Map<String, Double> threads = new HashMap<>();
    double total = 0;
    boolean weighted = event.equals("jdk.ObjectAllocationSample");
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (!e.getEventType().getName().equals(event) || e.getStackTrace() == null) {
        continue;
      }
      String threadName = threadName(e, weighted);
      if (!threadName.contains(thread)) {
        continue;
      }
      double weight = weighted ? e.getLong("weight") : 1;
      total += weight;
      threads.merge(threadName.replaceAll("[-#]?\\d+$", ""), weight, Double::sum);
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      if (!frames.isEmpty()) {
        self.merge(name(frames.get(0)), weight, Double::sum);
      }
      Set<String> seen = new HashSet<>();
      for (RecordedFrame frame : frames) {
        String name = name(frame);
        if (seen.add(name)) {
          inclusive.merge(name, weight, Double::sum);
        }
      }
    }
    System.out.printf("%s: %.0f %s%n", event, total, weighted ? "bytes sampled" : "samples");
    print("threads", threads, total, top, "");
    print("self", self, total, top, "");
    print("inclusive", inclusive, total, top * 2, only);
  }

  private static String threadName(RecordedEvent e, boolean weighted) {
    var t = e.getThread(weighted ? "eventThread" : "sampledThread");
    return t == null || t.getJavaName() == null ? "?" : t.getJavaName();
  }

  private static String name(RecordedFrame frame) {
    var method = frame.getMethod();
    String type = method.getType().getName();
    return type.substring(type.lastIndexOf('.', type.lastIndexOf('.') - 1) + 1)
        + "."
        + method.getName();
  }

  private static void print(
      String title, Map<String, Double> counts, double total, int top, String only) {
    System.out.println("--- " + title);
    List<Map.Entry<String, Double>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
    int shown = 0;
    for (Map.Entry<String, Double> entry : sorted) {
      if (shown == top) {
        break;
      }
      if (entry.getKey().contains(only)) {
        System.out.printf("%5.1f%% %s%n", 100 * entry.getValue() / total, entry.getKey());
        shown++;
      }
    }
  }
}
