package org.danerelay.server.cli;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.danerelay.dane.dns.DnssecSelfCheck;
import org.danerelay.dane.policy.DeliveryPlan;
import org.danerelay.dane.policy.DeliveryPlanner;
import org.danerelay.dane.policy.NextHop;
import org.danerelay.dane.policy.PlanDescription;
import org.danerelay.server.config.RelayConfig;
import org.danerelay.server.control.ControlReply;
import org.danerelay.server.outbound.OutboundDns;
import org.danerelay.server.outbound.PlannerSetup;
import org.danerelay.server.outbound.RouteTable;
import org.danerelay.server.sts.ConsultedPolicies;
import org.danerelay.server.sts.MtaSts;
import org.danerelay.server.sts.PolicyFailures;
import org.danerelay.server.sts.PolicyMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code danerelay dane lookup DOMAIN}: the MX hosts, addresses, DNSSEC status, TLSA records, the
 * MTA-STS policy and the TLS requirement per host, exactly as delivery would decide them, without
 * sending mail. The MTA-STS policy is fetched afresh; the copy the relay holds in its queue
 * database, which delivery applies while it is fresh, is shown beside it.
 */
@Command(
    name = "lookup",
    mixinStandardHelpOptions = true,
    description = {
      "Show what delivery would do for DOMAIN (or a next hop written [host]:port): hosts,",
      "addresses, DNSSEC status, TLSA records, the MTA-STS policy and the TLS each must achieve.",
      "Sends no mail; fetches the MTA-STS policy afresh and shows the relay's cached copy.",
      "Exit 0: there are hosts to try; 1: delivery would defer or bounce; 2: bad input."
    })
final class DaneLookupCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DOMAIN", description = "Recipient domain, or [host]:port.")
  String target;

  @Override
  public Integer call() throws Exception {
    RelayConfig config = options.load();
    OutboundDns dns = OutboundDns.create(config.dns(), Clock.systemUTC());
    var out = spec.commandLine().getOut();
    DnssecSelfCheck.Result check = dns.selfCheck();
    out.println("dns: " + dns.describe() + ": " + check.message());
    EventLoopGroup events = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      ConsultedPolicies sts =
          new ConsultedPolicies(
              MtaSts.load(config.tlsPolicy().mtaSts())
                  .policies(
                      true,
                      dns.lookup(),
                      events,
                      PolicyMemory.NONE,
                      Clock.systemUTC(),
                      PolicyFailures.NONE));
      return show(config, PlannerSetup.from(config, dns.lookup(), sts), sts);
    } finally {
      events.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  /**
   * The copy of the domain's policy in the queue database, which delivery applies while it is fresh
   * even when a fetch fails: asked of the running relay, which holds the database, else read from
   * the queue itself. No data folder, no queue: nothing is created for a lookup.
   */
  private static String cachedPolicy(RelayConfig config, String domain) {
    if (!Files.isDirectory(config.dataDir())) {
      return "none (no data folder " + config.dataDir() + ")";
    }
    try {
      ControlReply reply = QueueCommand.ask(config, "queue mta-sts " + domain);
      return (reply.success() ? "" : "not read: ") + reply.text().strip();
    } catch (Exception e) { // the lookup above stands; only this line could not be had
      return "not read (" + e.getMessage() + ")";
    }
  }

  private int show(RelayConfig config, DeliveryPlanner planner, ConsultedPolicies sts) {
    var out = spec.commandLine().getOut();
    RouteTable routes = RouteTable.from(config);
    DeliveryPlan plan =
        target.startsWith("[")
            ? planner.plan(NextHop.parse(target))
            : planner.plan(
                target,
                routes
                    .routeFor(target.toLowerCase(java.util.Locale.ROOT))
                    .orElse(NextHop.domain(target, config.tlsPolicy().deliveryPort())));
    String domain = target.startsWith("[") ? NextHop.parse(target).domainText() : target;
    out.println("level: " + planner.levelFor(domain));
    out.println(
        "mta-sts: "
            + (config.tlsPolicy().mtaSts().enabled()
                ? sts.describe()
                : "off (mta-sts.enabled = false)"));
    if (config.tlsPolicy().mtaSts().enabled() && !target.startsWith("[")) {
      out.println("mta-sts cached: " + cachedPolicy(config, domain));
    }
    out.println(PlanDescription.of(plan));
    out.flush();
    return plan instanceof DeliveryPlan.TryInOrder ? 0 : 1;
  }
}
