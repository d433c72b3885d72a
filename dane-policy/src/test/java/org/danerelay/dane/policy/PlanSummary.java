package org.danerelay.dane.policy;

import java.util.stream.Collectors;

/**
 * A compact, order-preserving rendering of a plan for table assertions: {@code "mx1.example.org
 * 192.0.2.1 dane@mx1.example.org dnssec | ..."}, {@code "defer 4.7.5"}, {@code "bounce 5.1.10"}.
 */
final class PlanSummary {

  private PlanSummary() {}

  static String of(DeliveryPlan plan) {
    if (plan instanceof DeliveryPlan.Defer d) {
      return "defer " + d.code();
    }
    if (plan instanceof DeliveryPlan.Bounce b) {
      return "bounce " + b.code();
    }
    DeliveryPlan.TryInOrder t = (DeliveryPlan.TryInOrder) plan;
    return t.attempts().stream().map(PlanSummary::attempt).collect(Collectors.joining(" | "));
  }

  static String attempt(Attempt a) {
    String host = PlanNames.text(a.mxHost());
    if (!a.expandedHost().equals(a.mxHost())) {
      host += "->" + PlanNames.text(a.expandedHost());
    }
    return host
        + " "
        + a.address().getHostAddress()
        + " "
        + requirement(a.requirement())
        + (a.dnssecMx() ? " dnssec" : "");
  }

  static String requirement(TlsRequirement r) {
    if (r instanceof TlsRequirement.DaneRequired dane) {
      return "dane@" + dane.sni();
    }
    if (r instanceof TlsRequirement.EncryptRequired) {
      return "encrypt";
    }
    if (r instanceof TlsRequirement.MtaStsEnforce) {
      return "sts-enforce";
    }
    if (r instanceof TlsRequirement.MtaStsTesting) {
      return "sts-testing";
    }
    return r instanceof TlsRequirement.Opportunistic ? "may" : "none";
  }
}
