package org.danerelay.server.durability;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.danerelay.server.cli.DaneRelayCommand;

/**
 * {@code danerelay queue list} run in this JVM, as an operator would run it next to a live relay
 * (the command asks the relay over its control socket), parsed into queue ids and recipients.
 */
final class QueueListing {

  private static final Pattern MESSAGE = Pattern.compile("([0-9A-HJKMNP-TV-Z]{16})  .*");
  private static final Pattern RECIPIENT = Pattern.compile(" {4}\\S+\\s+<(.*)>");

  private QueueListing() {}

  /** Queue id to its recipients in RCPT order, for every message the relay of {@code home} has. */
  static Map<String, List<String>> of(RelayHome home) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> arguments = new ArrayList<>(List.of("queue", "list"));
    arguments.addAll(home.configArguments(0)); // the command does not listen
    int exit =
        DaneRelayCommand.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(arguments.toArray(String[]::new));
    if (exit != 0) {
      throw new AssertionError("'queue list' exited with " + exit + ": " + err + out);
    }
    return parse(out.toString());
  }

  /** Reads the mailq-like listing: a line per message, then one indented line per recipient. */
  static Map<String, List<String>> parse(String listing) {
    Map<String, List<String>> messages = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : listing.split("\\R")) {
      Matcher message = MESSAGE.matcher(line);
      Matcher recipient = RECIPIENT.matcher(line);
      if (message.matches()) {
        current = new ArrayList<>();
        if (messages.put(message.group(1), current) != null) {
          throw new AssertionError("queue id listed twice: " + line + "\n" + listing);
        }
      } else if (recipient.matches() && current != null) {
        current.add(recipient.group(1));
      } else if (!line.startsWith("-- ")) {
        throw new AssertionError("unexpected line in 'queue list': " + line + "\n" + listing);
      }
    }
    return messages;
  }
}
