package org.danerelay.dane.policy;

import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.danerelay.dane.policy.TlsRequirement.DaneRequired;
import org.danerelay.dane.policy.TlsRequirement.EncryptRequired;
import org.danerelay.dane.policy.TlsRequirement.MtaStsEnforce;
import org.danerelay.dane.policy.TlsRequirement.MtaStsTesting;
import org.danerelay.dane.policy.TlsRequirement.Opportunistic;
import org.danerelay.dane.tlsa.TlsaRecord;

/**
 * Renders a {@link DeliveryPlan} as text for people ({@code dane lookup}, logs): one line per
 * attempt, then one line per note.
 *
 * <pre>
 * try in order:
 *   mx1.example.org [2001:db8::1]:25 (DNSSEC) dane base=mx1.example.org sni=mx1.example.org
 *       names=mx1.example.org,example.org tlsa=[3 1 1 0a1b2c3d]
 *   mx2.example.org -&gt; mx.host.example [192.0.2.2]:25 (no DNSSEC) opportunistic
 *   mx.example.net 192.0.2.3:25 (no DNSSEC) mta-sts enforce name=mx.example.net
 *       policy=example.net id=20240101
 * note: mx3.example.org: TLSA lookup at _25._tcp.mx3.example.org failed (BOGUS): never tried ...
 * </pre>
 *
 * (The first attempt is one line; it is wrapped here only for width.)
 */
public final class PlanDescription {

  private PlanDescription() {}

  /** The whole plan, lines separated by {@code \n}, no trailing newline. */
  public static String of(DeliveryPlan plan) {
    if (plan instanceof DeliveryPlan.Defer defer) {
      return "defer: " + defer.reason();
    }
    if (plan instanceof DeliveryPlan.Bounce bounce) {
      return "bounce: " + bounce.reason();
    }
    DeliveryPlan.TryInOrder order = (DeliveryPlan.TryInOrder) plan;
    StringJoiner text = new StringJoiner("\n");
    text.add("try in order:");
    order.attempts().forEach(a -> text.add("  " + line(a)));
    order.notes().forEach(n -> text.add("note: " + n));
    return text.toString();
  }

  /** One attempt: host, expanded name if aliased, address and port, DNSSEC status, requirement. */
  public static String line(Attempt attempt) {
    StringBuilder s = new StringBuilder(PlanNames.text(attempt.mxHost()));
    if (!attempt.expandedHost().equals(attempt.mxHost())) {
      s.append(" -> ").append(PlanNames.text(attempt.expandedHost()));
    }
    String address = attempt.address().getHostAddress();
    s.append(address.contains(":") ? " [" + address + "]:" : " " + address + ":")
        .append(attempt.port())
        .append(attempt.dnssecMx() ? " (DNSSEC) " : " (no DNSSEC) ")
        .append(requirement(attempt.requirement()));
    return s.toString();
  }

  /** The requirement in a few words: {@code dane base=... tlsa=[...]}, {@code encrypt (why)}... */
  public static String requirement(TlsRequirement requirement) {
    if (requirement instanceof DaneRequired dane) {
      return "dane base="
          + PlanNames.text(dane.tlsaBase())
          + " sni="
          + dane.sni()
          + " names="
          + String.join(",", dane.referenceIdentifiers())
          + " tlsa=["
          + dane.usableRecords().stream()
              .map(TlsaRecord::shortForm)
              .collect(Collectors.joining(", "))
          + "]";
    }
    if (requirement instanceof EncryptRequired encrypt) {
      return "encrypt (" + encrypt.why() + ")";
    }
    if (requirement instanceof MtaStsEnforce enforce) {
      return "mta-sts enforce name="
          + enforce.mxHost()
          + " policy="
          + enforce.policy().domain()
          + " id="
          + enforce.policy().id();
    }
    if (requirement instanceof MtaStsTesting testing) {
      return "opportunistic, mta-sts testing"
          + (testing.policy().allows(testing.mxHost()) ? "" : " (not an mx of the policy)")
          + " policy="
          + testing.policy().domain()
          + " id="
          + testing.policy().id();
    }
    return requirement instanceof Opportunistic ? "opportunistic" : "plaintext";
  }
}
