package org.danerelay.dane.policy;

import java.util.List;

/**
 * Narrows a plan to the hosts a REQUIRETLS message may go to (RFC 8689 4.2): reached through an MX
 * lookup that DNSSEC or an MTA-STS policy vouches for, over TLS that DANE or that policy
 * authenticates. The SMTP client adds the last condition: the host must offer REQUIRETLS.
 */
public final class RequireTlsPlan {

  private RequireTlsPlan() {}

  /**
   * The attempts of {@code plan} that satisfy REQUIRETLS; when none does, a bounce with 5.7.30 if
   * every host was judged, a deferral if some were skipped for trouble that may pass.
   */
  public static DeliveryPlan narrow(DeliveryPlan plan, String domain) {
    if (!(plan instanceof DeliveryPlan.TryInOrder order)) {
      return plan; // a deferral stays one; a bounce too
    }
    List<Attempt> kept = order.attempts().stream().filter(RequireTlsPlan::authenticated).toList();
    if (!kept.isEmpty()) {
      return new DeliveryPlan.TryInOrder(kept, order.notes());
    }
    String why =
        " REQUIRETLS support required: no host of "
            + domain
            + " is authenticated by DANE with DNSSEC-signed MX records or by an MTA-STS policy in"
            + " mode enforce";
    if (order.notes().isEmpty()) {
      return new DeliveryPlan.Bounce("5.7.30" + why);
    }
    return new DeliveryPlan.Defer("4.7.5" + why + "; skipped: " + String.join("; ", order.notes()));
  }

  private static boolean authenticated(Attempt attempt) {
    TlsRequirement requirement = attempt.requirement();
    return requirement instanceof TlsRequirement.MtaStsEnforce
        || (requirement instanceof TlsRequirement.DaneRequired && attempt.dnssecMx());
  }
}
