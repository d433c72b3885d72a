package org.danerelay.server.tlsrpt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * A report as it travels (RFC 8460 5.1, 5.3): the JSON gzip-compressed, and its file name {@code
 * submitter!policy-domain!begin!end.json.gz}, the times in seconds since the epoch.
 *
 * @param name the file name
 * @param gzip the compressed JSON
 */
record ReportFile(String name, byte[] gzip) {

  static ReportFile of(AggregateReport report, String json) {
    String name =
        report.submitter()
            + "!"
            + report.domain()
            + "!"
            + report.start().getEpochSecond()
            + "!"
            + report.end().getEpochSecond()
            + ".json.gz";
    return new ReportFile(name, compress(json));
  }

  private static byte[] compress(String json) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("gzip into memory cannot fail", e);
    }
    return out.toByteArray();
  }
}
