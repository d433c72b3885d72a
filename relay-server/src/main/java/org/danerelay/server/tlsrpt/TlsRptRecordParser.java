package org.danerelay.server.tlsrpt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads the TXT records at {@code _smtp._tls.<domain>} (RFC 8460 3): exactly one must begin with
 * {@code v=TLSRPTv1;}, and its {@code rua} lists where reports go, {@code mailto:} and {@code
 * https:} URIs separated by commas; other schemes are ignored.
 */
final class TlsRptRecordParser {

  /** What the TXT answer says. */
  sealed interface Result {}

  /** Where reports go, at least one URI. */
  record Found(List<URI> rua) implements Result {
    Found {
      rua = List.copyOf(rua);
    }
  }

  /** Nowhere, and why. */
  record Absent(String why) implements Result {
    Absent {
      Objects.requireNonNull(why, "why");
    }
  }

  // RFC 8460 3: tlsrpt-version = %s"v=TLSRPTv1", first; fields separated by ";" and whitespace.
  private static final Pattern VERSION_FIRST =
      Pattern.compile("^v=TLSRPTv1[ \t]*(;.*)?$", Pattern.DOTALL);

  private TlsRptRecordParser() {}

  static Result parse(List<String> txtRecords) {
    List<String> candidates =
        txtRecords.stream().filter(r -> VERSION_FIRST.matcher(r).matches()).toList();
    if (candidates.size() != 1) {
      return new Absent(
          candidates.isEmpty() ? "no v=TLSRPTv1 record" : candidates.size() + " TLSRPTv1 records");
    }
    List<URI> rua = new ArrayList<>();
    String[] fields = candidates.get(0).split(";");
    for (int i = 1; i < fields.length; i++) {
      String field = fields[i].strip();
      if (!field.startsWith("rua=")) {
        continue; // extension fields (RFC 8460 3) are ignored
      }
      // The ABNF allows the field more than once; every address it names is taken.
      for (String text : field.substring(4).split(",")) {
        uri(text.strip()).ifPresent(rua::add);
      }
    }
    return rua.isEmpty() ? new Absent("no mailto: or https: rua") : new Found(rua);
  }

  private static java.util.Optional<URI> uri(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (scheme.equals("mailto") && uri.getSchemeSpecificPart().contains("@")) {
        return java.util.Optional.of(uri);
      }
      if (scheme.equals("https") && uri.getHost() != null) {
        return java.util.Optional.of(uri);
      }
      return java.util.Optional.empty();
    } catch (URISyntaxException e) {
      return java.util.Optional.empty();
    }
  }
}
