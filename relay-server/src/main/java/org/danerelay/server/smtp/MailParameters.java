package org.danerelay.server.smtp;

import java.util.List;
import java.util.Locale;
import org.danerelay.queue.BodyType;
import org.subethamail.smtp.RejectException;

/** Checks the ESMTP parameters of MAIL FROM against the extensions this listener advertises. */
final class MailParameters {

  private MailParameters() {}

  /**
   * Accepts SIZE (RFC 1870), BODY (RFC 6152) and AUTH (RFC 4954 5); refuses the rest with 555, as
   * RFC 5321 4.1.1.11 asks for parameters that were not advertised.
   *
   * @return the declared BODY, which the queue keeps so that delivery knows whether the next hop
   *     must offer 8BITMIME; {@link BodyType#SEVEN_BIT} when there is none
   */
  static BodyType check(List<String> parameters, long maxMessageSize) throws RejectException {
    BodyType bodyType = BodyType.SEVEN_BIT;
    for (String parameter : parameters) {
      int equals = parameter.indexOf('=');
      String keyword =
          (equals < 0 ? parameter : parameter.substring(0, equals)).toUpperCase(Locale.ROOT);
      String value = equals < 0 ? "" : parameter.substring(equals + 1);
      switch (keyword) {
        case "SIZE" -> checkSize(value, maxMessageSize);
        case "BODY" -> bodyType = body(value);
        case "AUTH" -> {
          // RFC 4954 5: the original submitter; accepted and not passed on, which 5 allows.
        }
        default ->
            throw SmtpReject.of("555 5.5.4 MAIL FROM parameter " + keyword + " is not supported");
      }
    }
    return bodyType;
  }

  /** The SIZE a client declared, 0 without one; only after {@link #check} passed. */
  static long declaredSize(List<String> parameters) {
    for (String parameter : parameters) {
      if (parameter.regionMatches(true, 0, "SIZE=", 0, 5)) {
        return Long.parseLong(parameter.substring(5));
      }
    }
    return 0;
  }

  private static void checkSize(String value, long maxMessageSize) throws RejectException {
    if (!value.matches("[0-9]{1,20}")) {
      throw SmtpReject.of("501 5.5.4 Bad SIZE parameter");
    }
    if (value.length() > 18 || Long.parseLong(value) > maxMessageSize) {
      throw SmtpReject.of("552 5.3.4 Message size exceeds fixed maximum message size");
    }
  }

  private static BodyType body(String value) throws RejectException {
    try {
      return BodyType.fromParameterValue(value);
    } catch (IllegalArgumentException e) {
      throw SmtpReject.of("501 5.5.4 BODY must be 7BIT or 8BITMIME");
    }
  }
}
