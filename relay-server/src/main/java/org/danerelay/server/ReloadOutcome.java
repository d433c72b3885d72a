package org.danerelay.server;

import java.nio.file.Path;
import java.util.List;

/** What one reload did: applied, or refused with the reason and the old configuration in force. */
public sealed interface ReloadOutcome {

  /** The text for the log and for {@code danerelay reload}: one line, or a few for Applied. */
  String describe();

  /**
   * The new configuration is in force for new sessions, transactions and delivery attempts.
   *
   * @param configFile the file read
   * @param changed applied keys whose value changed (files they name are re-read even when not)
   * @param needRestart keys that changed but keep their running value until a restart
   * @param certificate the certificate new STARTTLS sessions get, as {@code ServerTls.describe}
   */
  record Applied(
      Path configFile, List<String> changed, List<String> needRestart, String certificate)
      implements ReloadOutcome {

    public Applied {
      changed = List.copyOf(changed);
      needRestart = List.copyOf(needRestart);
    }

    @Override
    public String describe() {
      StringBuilder text =
          new StringBuilder("reloaded ")
              .append(configFile)
              .append(": ")
              .append(changed.isEmpty() ? "no setting changed" : "changed " + join(changed))
              .append("; files re-read; sessions in progress and queued mail untouched\n")
              .append("TLS certificate for new sessions: ")
              .append(certificate)
              .append('\n');
      if (!needRestart.isEmpty()) {
        text.append("needs a restart, running value kept: ").append(join(needRestart)).append('\n');
      }
      return text.toString();
    }

    private static String join(List<String> keys) {
      return String.join(", ", keys);
    }
  }

  /**
   * Nothing changed: the configuration the relay runs with stays in force.
   *
   * @param reason {@code file:line: reason}, or the file and what is wrong with it
   */
  record Refused(String reason) implements ReloadOutcome {

    /** One line: it travels as the control socket's error line. */
    public Refused {
      reason = reason == null ? "unknown failure" : reason.replaceAll("[\\r\\n]+", " ").strip();
    }

    @Override
    public String describe() {
      return "reload refused, the running configuration stays in force: " + reason;
    }
  }
}
