package org.danerelay.server.sts;

import java.util.Objects;

/** What one HTTPS request came to: a response of any status, or no response and why. */
public sealed interface HttpsOutcome {

  /**
   * The server answered.
   *
   * @param status the HTTP status code
   * @param contentType the {@code Content-Type} header, empty when absent
   * @param body the response body, at most the request's limit
   */
  record Response(int status, String contentType, byte[] body) implements HttpsOutcome {
    public Response {
      Objects.requireNonNull(contentType, "contentType");
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }
  }

  /**
   * No response.
   *
   * @param certificate true when the server's certificate was refused (untrusted, expired, for
   *     another name): RFC 8460 4.3.2.2 tells that apart ({@code sts-webpki-invalid})
   * @param reason short and human: {@code no address for mta-sts.example}, {@code no response
   *     within 30s}, {@code certificate refused: expired}...
   */
  record Failed(boolean certificate, String reason) implements HttpsOutcome {
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
