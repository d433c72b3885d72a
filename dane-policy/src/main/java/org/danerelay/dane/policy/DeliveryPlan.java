package org.danerelay.dane.policy;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The verdict for one destination: connection attempts in order, a temporary failure, or a
 * permanent one. Every reason starts with an RFC 3463 enhanced status code.
 */
public sealed interface DeliveryPlan {

  /**
   * Try these attempts in order until one delivers; a DANE failure on one moves to the next, and
   * when none is left the message is deferred (RFC 7672 2.2, DANE-RULES 6).
   *
   * @param attempts non-empty, in order
   * @param notes hosts skipped and why, e.g. {@code "mx2.example: TLSA lookup failed (BOGUS)..."}
   */
  record TryInOrder(List<Attempt> attempts, List<String> notes) implements DeliveryPlan {
    public TryInOrder {
      attempts = List.copyOf(attempts);
      notes = List.copyOf(notes);
      if (attempts.isEmpty()) {
        throw new IllegalArgumentException("no attempts: that is a Defer");
      }
    }

    @Override
    public String toString() {
      return PlanDescription.of(this);
    }
  }

  /**
   * Do not deliver now; retry later. DNSSEC and DANE trouble is 4.7.5 (STYLE 3).
   *
   * @param reason {@code "4.x.y text"}
   */
  record Defer(String reason) implements DeliveryPlan {
    public Defer {
      checkReason(reason, '4');
    }

    /** The enhanced status code, e.g. {@code 4.7.5}. */
    public String code() {
      return reason.substring(0, reason.indexOf(' '));
    }

    @Override
    public String toString() {
      return PlanDescription.of(this);
    }
  }

  /**
   * Do not deliver, do not retry: null MX (RFC 7505 3, 5.1.10) or a domain that does not exist
   * (5.1.2).
   *
   * @param reason {@code "5.x.y text"}
   */
  record Bounce(String reason) implements DeliveryPlan {
    public Bounce {
      checkReason(reason, '5');
    }

    /** The enhanced status code, e.g. {@code 5.1.10}. */
    public String code() {
      return reason.substring(0, reason.indexOf(' '));
    }

    @Override
    public String toString() {
      return PlanDescription.of(this);
    }
  }

  private static void checkReason(String reason, char statusClass) {
    Objects.requireNonNull(reason, "reason");
    if (!Pattern.matches(statusClass + "\\.\\d{1,3}\\.\\d{1,3} \\S.*", reason)) {
      throw new IllegalArgumentException(
          "reason must start with a " + statusClass + ".x.y enhanced status code: " + reason);
    }
  }
}
