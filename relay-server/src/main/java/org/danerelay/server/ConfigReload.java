package org.danerelay.server;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.danerelay.queue.MessageQueue;
import org.danerelay.server.access.RelayAccessPolicy;
import org.danerelay.server.auth.PasswordAuthenticator;
import org.danerelay.server.auth.UserFile;
import org.danerelay.server.config.ConfigException;
import org.danerelay.server.config.ConfigKey;
import org.danerelay.server.config.ConfigSource;
import org.danerelay.server.config.LoadedConfig;
import org.danerelay.server.config.RelayConfig;
import org.danerelay.server.delivery.DeliveryEngine;
import org.danerelay.server.delivery.Router;
import org.danerelay.server.logging.LoggingSetup;
import org.danerelay.server.metrics.RelayMetrics;
import org.danerelay.server.smtp.InboundRules;
import org.danerelay.server.smtp.InboundServer;
import org.danerelay.server.smtp.ListenerSettings;
import org.danerelay.server.smtp.MessageIngest;
import org.danerelay.server.tls.ListenerTls;
import org.danerelay.server.tls.ServerTls;
import org.danerelay.server.verify.LocalRecipientCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the configuration again (SIGHUP, {@code danerelay reload}) and swaps in the parts that can
 * change while sessions in progress and queued mail carry on; a configuration that cannot be used
 * is refused whole, and the running one stays (docs/adr/0013-reload.md).
 *
 * <p>Everything new is built first, so that any error refuses the reload before anything changed;
 * then each part is replaced, and is used by what starts after: a STARTTLS, a transaction at MAIL,
 * an AUTH exchange, a delivery attempt.
 */
final class ConfigReload {

  private static final Logger log = LoggerFactory.getLogger(ConfigReload.class);

  /** The running relay's parts that a reload replaces. */
  record Parts(
      ListenerTls tls,
      InboundServer inbound,
      Optional<PasswordAuthenticator> auth,
      Optional<DeliveryEngine> delivery,
      MessageQueue queue,
      RelayMetrics metrics) {}

  private final ConfigSource source;
  private final RelayConfig started;
  private final Parts parts;
  private final Clock clock;
  private RelayConfig inForce;
  private InboundRules rulesInForce;

  ConfigReload(
      ConfigSource source, RelayConfig started, InboundRules rules, Parts parts, Clock clock) {
    this.source = source;
    this.started = started;
    this.inForce = started;
    this.rulesInForce = rules;
    this.parts = parts;
    this.clock = clock;
  }

  /** Reloads, logs the outcome and returns it; one reload at a time. */
  synchronized ReloadOutcome reload() {
    ReloadOutcome outcome = attempt();
    if (outcome instanceof ReloadOutcome.Refused) {
      log.error("{}", outcome.describe());
    } else {
      outcome.describe().lines().forEach(line -> log.info("{}", line));
    }
    return outcome;
  }

  private ReloadOutcome attempt() {
    try {
      LoadedConfig loaded = source.load();
      List<String> needRestart = ReloadScope.restartOnlyChanges(started, loaded.config());
      RelayConfig next = ReloadScope.keepRunning(started, loaded.config());
      // Built in full before anything is replaced: a failure here leaves the relay as it was.
      ServerTls tls = serverTls(loaded, next, clock);
      InboundRules rules = inboundRules(next, parts.queue(), parts.metrics(), recipientCheck(next));
      Optional<UserFile> users =
          parts.auth().isPresent() && next.authUsers().isPresent()
              ? Optional.of(UserFile.load(next.authUsers().get()))
              : Optional.empty();
      Optional<Router> router = parts.delivery().map(engine -> engine.routerFor(next));

      parts.tls().replace(tls);
      parts.inbound().replaceRules(rules);
      users.ifPresent(file -> parts.auth().get().replaceUsers(file));
      router.ifPresent(route -> parts.delivery().get().route(route));
      if (next.logLevel() != inForce.logLevel()) {
        LoggingSetup.apply(next.logLevel().configName(), Optional.empty());
      }
      List<String> changed = ReloadScope.appliedChanges(inForce, next);
      inForce = next;
      rulesInForce = rules;
      return new ReloadOutcome.Applied(next.configFile(), changed, needRestart, tls.describe());
    } catch (ConfigException | IOException e) {
      return new ReloadOutcome.Refused(e.getMessage());
    } catch (RuntimeException e) {
      // Not expected, but a reload must never take the relay down or leave it half-changed.
      log.warn("reload failed", e);
      return new ReloadOutcome.Refused(String.valueOf(e));
    }
  }

  /**
   * The callout check and its cache carry over while its settings stay, so that a reload does not
   * send every known recipient's next RCPT to the mailbox server again; a recipients file is always
   * read again.
   */
  private LocalRecipientCheck recipientCheck(RelayConfig next) {
    boolean sameCallout =
        next.recipientVerify().recipients().isEmpty()
            && next.recipientVerify().equals(inForce.recipientVerify())
            && next.localDomains().equals(inForce.localDomains())
            && next.localForward().equals(inForce.localForward());
    return sameCallout
        ? rulesInForce.settings().localRecipients()
        : LocalRecipientCheck.from(next, clock);
  }

  /**
   * The listener's certificate and key as {@code config} names them; a pair that cannot be used is
   * reported at the line of the key or certificate setting.
   *
   * @throws ConfigException {@code file:line: smtpd.tls.key: <file>: reason}
   */
  static ServerTls serverTls(LoadedConfig loaded, RelayConfig config, Clock clock) {
    try {
      return ServerTls.load(
          config.tlsCert(),
          config.tlsKey(),
          config.dataDir(),
          config.hostname(),
          config.tlsProtocols(),
          clock);
    } catch (IOException e) {
      // The reader names the file first; the error belongs to the line that named that file.
      boolean aboutKey =
          config.tlsKey().isPresent()
              && String.valueOf(e.getMessage()).startsWith(config.tlsKey().get().toString());
      throw loaded.errorAt(
          aboutKey ? ConfigKey.SMTPD_TLS_KEY : ConfigKey.SMTPD_TLS_CERT, e.getMessage());
    }
  }

  /** The inbound rules {@code config} asks for, with the given recipient check. */
  static InboundRules inboundRules(
      RelayConfig config,
      MessageQueue queue,
      RelayMetrics metrics,
      LocalRecipientCheck recipients) {
    ListenerSettings settings =
        new ListenerSettings(
            config.hostname(),
            config.maxMessageSize(),
            config.maxRecipients(),
            config.maxLineLength(),
            false,
            config.resolveClientNames(),
            config.auth().onPort25(),
            recipients);
    return new InboundRules(
        settings,
        new RelayAccessPolicy(config.relayNetworks(), config.localDomains()),
        new MessageIngest(
            queue,
            config.maxMessageSize(),
            config.maxLineLength(),
            config.minFreeSpace(),
            metrics));
  }
}
