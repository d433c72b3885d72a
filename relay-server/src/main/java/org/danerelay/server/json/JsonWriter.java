package org.danerelay.server.json;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes JSON text (RFC 8259) in one pass: objects, arrays, strings, numbers, booleans and null,
 * with commas and string escapes right. No JSON library is on the classpath, and the reports (dane
 * check, TLSRPT) need no more than this.
 */
public final class JsonWriter {

  private final StringBuilder text = new StringBuilder();
  // Per open object or array: whether a member was written, so the next needs a comma.
  private final Deque<Boolean> hasMembers = new ArrayDeque<>();
  private boolean afterName;

  public JsonWriter beginObject() {
    separate();
    text.append('{');
    hasMembers.push(false);
    return this;
  }

  public JsonWriter endObject() {
    hasMembers.pop();
    text.append('}');
    return this;
  }

  public JsonWriter beginArray() {
    separate();
    text.append('[');
    hasMembers.push(false);
    return this;
  }

  public JsonWriter endArray() {
    hasMembers.pop();
    text.append(']');
    return this;
  }

  /** The name of the next object member. */
  public JsonWriter name(String name) {
    separate();
    string(name);
    text.append(':');
    afterName = true;
    return this;
  }

  public JsonWriter value(String value) {
    separate();
    if (value == null) {
      text.append("null");
    } else {
      string(value);
    }
    return this;
  }

  public JsonWriter value(long value) {
    separate();
    text.append(value);
    return this;
  }

  public JsonWriter value(boolean value) {
    separate();
    text.append(value);
    return this;
  }

  public JsonWriter nullValue() {
    separate();
    text.append("null");
    return this;
  }

  @Override
  public String toString() {
    return text.toString();
  }

  private void separate() {
    if (afterName) {
      afterName = false;
      return;
    }
    if (!hasMembers.isEmpty()) {
      if (hasMembers.peek()) {
        text.append(',');
      }
      hasMembers.pop();
      hasMembers.push(true);
    }
  }

  /** RFC 8259 7: quote, backslash and control characters escaped; the rest as is. */
  private void string(String value) {
    text.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> text.append("\\\"");
        case '\\' -> text.append("\\\\");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        case '\t' -> text.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            text.append(String.format("\\u%04x", (int) c));
          } else {
            text.append(c);
          }
        }
      }
    }
    text.append('"');
  }
}
