package org.danerelay.server.control;

/**
 * The answer to one operator request: text for standard output, or an error for standard error.
 *
 * <p>On the wire it is a status line ({@code ok} or {@code error: reason}) and then the text.
 */
public record ControlReply(boolean success, String text) {

  static ControlReply ok(String text) {
    return new ControlReply(true, text);
  }

  public static ControlReply error(String reason) {
    return new ControlReply(false, reason);
  }

  String encode() {
    return success ? "ok\n" + text : "error: " + text + "\n";
  }

  static ControlReply decode(String wire) {
    int newline = wire.indexOf('\n');
    String status = newline < 0 ? wire : wire.substring(0, newline);
    String rest = newline < 0 ? "" : wire.substring(newline + 1);
    if (status.equals("ok")) {
      return ok(rest);
    }
    return error(status.startsWith("error: ") ? status.substring(7) : "bad reply: " + status);
  }
}
