package org.danerelay.server.smtp;

import java.util.List;
import java.util.Locale;
import org.subethamail.smtp.RejectException;

/** Checks the ESMTP parameters of MAIL FROM against the extensions this listener advertises. */
final class MailParameters {

  private MailParameters() {}

  /**
   * Accepts SIZE (RFC 1870), BODY (RFC 6152) and AUTH (RFC 4954 5); refuses the rest with 555, as
   * RFC 5321 4.1.1.11 asks for parameters that were not advertised.
   */
  static void check(List<String> parameters, long maxMessageSize) throws RejectException {
    for (String parameter : parameters) {
      int equals = parameter.indexOf('=');
      String keyword =
          (equals < 0 ? parameter : parameter.substring(0, equals)).toUpperCase(Locale.ROOT);
      String value = equals < 0 ? "" : parameter.substring(equals + 1);
      switch (keyword) {
        case "SIZE" -> checkSize(value, maxMessageSize);
        case "BODY" -> checkBody(value);
        case "AUTH" -> {
          // RFC 4954 5: the original submitter; accepted and not passed on, which 5 allows.
        }
        default ->
            throw SmtpReject.of("555 5.5.4 MAIL FROM parameter " + keyword + " is not supported");
      }
    }
  }

  private static void checkSize(String value, long maxMessageSize) throws RejectException {
    if (!value.matches("[0-9]{1,20}")) {
      throw SmtpReject.of("501 5.5.4 Bad SIZE parameter");
    }
    if (value.length() > 18 || Long.parseLong(value) > maxMessageSize) {
      throw SmtpReject.of("552 5.3.4 Message size exceeds fixed maximum message size");
    }
  }

  private static void checkBody(String value) throws RejectException {
    String body = value.toUpperCase(Locale.ROOT);
    if (!body.equals("7BIT") && !body.equals("8BITMIME")) {
      throw SmtpReject.of("501 5.5.4 BODY must be 7BIT or 8BITMIME");
    }
  }
}
