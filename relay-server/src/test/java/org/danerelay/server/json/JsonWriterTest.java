package org.danerelay.server.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The report's JSON is valid RFC 8259 text whatever a peer put in its replies. */
class JsonWriterTest {

  @Test
  void separatesMembersAndElementsWithCommasAtEveryDepth() {
    JsonWriter json = new JsonWriter().beginObject();
    json.name("a").value(1).name("b").beginArray().value("x").nullValue().value(true).endArray();
    json.name("c").beginObject().endObject().name("d").beginArray().endArray();

    assertEquals(
        "{\"a\":1,\"b\":[\"x\",null,true],\"c\":{},\"d\":[]}", json.endObject().toString());
  }

  @Test
  void escapesQuotesBackslashesAndControlCharactersFromPeerText() {
    String peer = "250 \"ok\" \\ \r\n\t\u0000\u001b\u2028 é";

    String json = new JsonWriter().beginArray().value(peer).endArray().toString();

    assertEquals("[\"250 \\\"ok\\\" \\\\ \\r\\n\\t\\u0000\\u001b\\u2028 é\"]", json);
  }
}
