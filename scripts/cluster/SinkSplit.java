import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits the one sink's journal into one per scenario, so that each scenario is judged on its own
 * records with the chaos readers: a line goes by its token's client number ({@code c101m7}: client
 * 101, scenario 1), a line without a token (a DSN that returned no headers) by when it came.
 */
final class SinkSplit {

  private static final Pattern CLIENT = Pattern.compile("^c(\\d+)m\\d+$");

  private SinkSplit() {}

  /** Writes {@code <scenario folder>/sink.log} for each of {@code phases}, in the order run. */
  static void split(Path sinkLog, List<PhaseFacts> phases) throws IOException {
    List<List<String>> parts = new ArrayList<>();
    phases.forEach(p -> parts.add(new ArrayList<>()));
    List<String> lines =
        Files.exists(sinkLog) ? Files.readAllLines(sinkLog, StandardCharsets.US_ASCII) : List.of();
    for (String line : lines) {
      String[] f = line.split(" ");
      if (f.length < 4) continue;
      int phase = byToken(f[1], phases);
      if (phase < 0) phase = byTime(Long.parseLong(f[3]), phases);
      if (phase >= 0) parts.get(phase).add(line);
    }
    for (int i = 0; i < phases.size(); i++) {
      Files.write(
          phases.get(i).folder.resolve("sink.log"), parts.get(i), StandardCharsets.US_ASCII);
    }
  }

  private static int byToken(String token, List<PhaseFacts> phases) {
    Matcher m = CLIENT.matcher(token);
    if (!m.matches()) return -1;
    int scenario = Integer.parseInt(m.group(1)) / 100;
    for (int i = 0; i < phases.size(); i++) {
      if (phases.get(i).scenario.ordinal() == scenario) return i;
    }
    return -1;
  }

  private static int byTime(long at, List<PhaseFacts> phases) {
    int found = phases.isEmpty() ? -1 : 0;
    for (int i = 0; i < phases.size(); i++) {
      if (phases.get(i).began <= at) found = i;
    }
    return found;
  }
}
