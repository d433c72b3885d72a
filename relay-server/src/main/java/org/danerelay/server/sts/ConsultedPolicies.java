package org.danerelay.server.sts;

import java.util.Optional;
import org.danerelay.dane.sts.StsPolicySource;
import org.danerelay.dane.sts.StsVerdict;

/**
 * Passes questions on to a policy source and remembers the last answer, so that {@code dane lookup}
 * can say which MTA-STS policy applied, or that none was asked for because DANE covered every host.
 */
public final class ConsultedPolicies implements StsPolicySource {

  private final StsPolicySource source;
  private volatile StsVerdict last;

  public ConsultedPolicies(StsPolicySource source) {
    this.source = source;
  }

  @Override
  public StsVerdict policyFor(String domain) {
    StsVerdict verdict = source.policyFor(domain);
    last = verdict;
    return verdict;
  }

  /** The last verdict given; empty when the planner never asked. */
  public Optional<StsVerdict> last() {
    return Optional.ofNullable(last);
  }

  /** One line for people: the policy and how it was had, why there is none, or not asked. */
  public String describe() {
    if (last == null) {
      return "not consulted (every host has DANE, the plan ended before any host, or the level"
          + " or a route leaves MTA-STS out)";
    }
    if (last instanceof StsVerdict.Applies applies) {
      return applies.policy().describe() + " " + applies.source() + "; mx " + applies.policy().mx();
    }
    return "none (" + ((StsVerdict.NoPolicy) last).why() + ")";
  }
}
