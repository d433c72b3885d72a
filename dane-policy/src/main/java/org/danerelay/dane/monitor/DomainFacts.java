package org.danerelay.dane.monitor;

import java.util.List;
import java.util.Objects;
import org.danerelay.dane.dns.Security;
import org.xbill.DNS.Name;

/**
 * What DNS says about a mail domain: how secure its MX lookup was, its hosts in preference order,
 * and the domain-wide checks that failed.
 *
 * @param domain the domain checked
 * @param mxSecurity the status of the MX lookup (or of the NODATA that makes an implicit MX)
 * @param hosts every MX host, lowest preference first
 * @param findings MX checks that failed
 */
public record DomainFacts(
    Name domain, Security mxSecurity, List<HostFacts> hosts, List<Finding> findings) {

  public DomainFacts {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(mxSecurity, "mxSecurity");
    hosts = List.copyOf(hosts);
    findings = List.copyOf(findings);
  }
}
