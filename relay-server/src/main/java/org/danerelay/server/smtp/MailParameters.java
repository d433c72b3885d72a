package org.danerelay.server.smtp;

import java.util.List;
import java.util.Locale;
import org.danerelay.queue.BodyType;
import org.subethamail.smtp.RejectException;

/** Checks the ESMTP parameters of MAIL FROM against the extensions this listener advertises. */
final class MailParameters {

  private MailParameters() {}

  /**
   * Accepts SIZE (RFC 1870), BODY (RFC 6152), AUTH (RFC 4954 5) and, inside TLS, REQUIRETLS (RFC
   * 8689 4.1); refuses the rest with 555, as RFC 5321 4.1.1.11 asks for parameters that were not
   * advertised.
   *
   * @param tls whether the session is inside TLS, where alone REQUIRETLS is advertised
   * @return the declared BODY, which the queue keeps so that delivery knows whether the next hop
   *     must offer 8BITMIME, and whether REQUIRETLS was given
   */
  static MailOptions check(List<String> parameters, long maxMessageSize, boolean tls)
      throws RejectException {
    BodyType bodyType = BodyType.SEVEN_BIT;
    boolean requireTls = false;
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
        case "REQUIRETLS" -> requireTls = requireTls(value, tls);
        default ->
            throw SmtpReject.of("555 5.5.4 MAIL FROM parameter " + keyword + " is not supported");
      }
    }
    return new MailOptions(bodyType, requireTls);
  }

  /** RFC 8689 4.1: REQUIRETLS takes no value and is only for a session inside TLS. */
  private static boolean requireTls(String value, boolean tls) throws RejectException {
    if (!value.isEmpty()) {
      throw SmtpReject.of("501 5.5.4 REQUIRETLS takes no value");
    }
    if (!tls) {
      throw SmtpReject.of("530 5.7.10 REQUIRETLS needs a session inside TLS: use STARTTLS");
    }
    return true;
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
