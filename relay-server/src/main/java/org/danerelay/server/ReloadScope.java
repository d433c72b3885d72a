package org.danerelay.server;

import static org.danerelay.server.config.ConfigKey.ADMIN_LISTEN;
import static org.danerelay.server.config.ConfigKey.DATA_DIR;
import static org.danerelay.server.config.ConfigKey.DELIVERY_COMMAND_TIMEOUT;
import static org.danerelay.server.config.ConfigKey.DELIVERY_CONCURRENCY;
import static org.danerelay.server.config.ConfigKey.DELIVERY_CONCURRENCY_PER_DESTINATION;
import static org.danerelay.server.config.ConfigKey.DELIVERY_CONNECTION_CACHE_TIME;
import static org.danerelay.server.config.ConfigKey.DELIVERY_CONNECT_TIMEOUT;
import static org.danerelay.server.config.ConfigKey.DELIVERY_DATA_BLOCK_TIMEOUT;
import static org.danerelay.server.config.ConfigKey.DELIVERY_DATA_END_TIMEOUT;
import static org.danerelay.server.config.ConfigKey.DELIVERY_DELAY_WARNING;
import static org.danerelay.server.config.ConfigKey.DELIVERY_GREETING_TIMEOUT;
import static org.danerelay.server.config.ConfigKey.DELIVERY_HOLD;
import static org.danerelay.server.config.ConfigKey.DELIVERY_PORT;
import static org.danerelay.server.config.ConfigKey.DELIVERY_ROUTES;
import static org.danerelay.server.config.ConfigKey.DELIVERY_TLS_HANDSHAKE_TIMEOUT;
import static org.danerelay.server.config.ConfigKey.DNS_DNSSEC;
import static org.danerelay.server.config.ConfigKey.DNS_RESOLVERS;
import static org.danerelay.server.config.ConfigKey.DNS_TIMEOUT;
import static org.danerelay.server.config.ConfigKey.DNS_TRUST_ANCHORS;
import static org.danerelay.server.config.ConfigKey.LOCAL_DOMAINS;
import static org.danerelay.server.config.ConfigKey.LOCAL_FORWARD;
import static org.danerelay.server.config.ConfigKey.LOCAL_RECIPIENTS;
import static org.danerelay.server.config.ConfigKey.LOCAL_VERIFY_CACHE_SIZE;
import static org.danerelay.server.config.ConfigKey.LOCAL_VERIFY_NEGATIVE_EXPIRE;
import static org.danerelay.server.config.ConfigKey.LOCAL_VERIFY_POSITIVE_EXPIRE;
import static org.danerelay.server.config.ConfigKey.LOCAL_VERIFY_POSITIVE_REFRESH;
import static org.danerelay.server.config.ConfigKey.LOCAL_VERIFY_TIMEOUT;
import static org.danerelay.server.config.ConfigKey.LOG_FILE;
import static org.danerelay.server.config.ConfigKey.LOG_LEVEL;
import static org.danerelay.server.config.ConfigKey.MTA_STS_ENABLED;
import static org.danerelay.server.config.ConfigKey.MTA_STS_PORT;
import static org.danerelay.server.config.ConfigKey.MTA_STS_TRUST_STORE;
import static org.danerelay.server.config.ConfigKey.NODE_NAME;
import static org.danerelay.server.config.ConfigKey.QUEUE_LEASE;
import static org.danerelay.server.config.ConfigKey.QUEUE_LIFETIME;
import static org.danerelay.server.config.ConfigKey.QUEUE_URL;
import static org.danerelay.server.config.ConfigKey.RELAY_NETWORKS;
import static org.danerelay.server.config.ConfigKey.RETRY_SCHEDULE;
import static org.danerelay.server.config.ConfigKey.SMTPD_AUTH_CLIENT_WINDOW;
import static org.danerelay.server.config.ConfigKey.SMTPD_AUTH_FAILURE_DELAY;
import static org.danerelay.server.config.ConfigKey.SMTPD_AUTH_MAX_FAILURES;
import static org.danerelay.server.config.ConfigKey.SMTPD_AUTH_MAX_FAILURES_PER_CLIENT;
import static org.danerelay.server.config.ConfigKey.SMTPD_AUTH_ON_PORT_25;
import static org.danerelay.server.config.ConfigKey.SMTPD_AUTH_USERS;
import static org.danerelay.server.config.ConfigKey.SMTPD_ERROR_SLEEP_TIME;
import static org.danerelay.server.config.ConfigKey.SMTPD_HARD_ERROR_LIMIT;
import static org.danerelay.server.config.ConfigKey.SMTPD_HOSTNAME;
import static org.danerelay.server.config.ConfigKey.SMTPD_IDLE_TIMEOUT;
import static org.danerelay.server.config.ConfigKey.SMTPD_JUNK_COMMAND_LIMIT;
import static org.danerelay.server.config.ConfigKey.SMTPD_LISTEN;
import static org.danerelay.server.config.ConfigKey.SMTPD_MAX_CONNECTIONS;
import static org.danerelay.server.config.ConfigKey.SMTPD_MAX_CONNECTIONS_PER_CLIENT;
import static org.danerelay.server.config.ConfigKey.SMTPD_MAX_LINE_LENGTH;
import static org.danerelay.server.config.ConfigKey.SMTPD_MAX_MESSAGE_SIZE;
import static org.danerelay.server.config.ConfigKey.SMTPD_MAX_RECIPIENTS;
import static org.danerelay.server.config.ConfigKey.SMTPD_MIN_DATA_RATE;
import static org.danerelay.server.config.ConfigKey.SMTPD_MIN_FREE_SPACE;
import static org.danerelay.server.config.ConfigKey.SMTPD_PROXY_PROTOCOL_FROM;
import static org.danerelay.server.config.ConfigKey.SMTPD_RESOLVE_CLIENT_NAMES;
import static org.danerelay.server.config.ConfigKey.SMTPD_SESSION_TIMEOUT;
import static org.danerelay.server.config.ConfigKey.SMTPD_SOFT_ERROR_LIMIT;
import static org.danerelay.server.config.ConfigKey.SMTPD_STRESS_TIMEOUT;
import static org.danerelay.server.config.ConfigKey.SMTPD_SUBMISSION_LISTEN;
import static org.danerelay.server.config.ConfigKey.SMTPD_TLS_CERT;
import static org.danerelay.server.config.ConfigKey.SMTPD_TLS_KEY;
import static org.danerelay.server.config.ConfigKey.SMTPD_TLS_PROTOCOLS;
import static org.danerelay.server.config.ConfigKey.TLSRPT_CONTACT;
import static org.danerelay.server.config.ConfigKey.TLSRPT_DKIM_KEY;
import static org.danerelay.server.config.ConfigKey.TLSRPT_DKIM_SELECTOR;
import static org.danerelay.server.config.ConfigKey.TLSRPT_ENABLED;
import static org.danerelay.server.config.ConfigKey.TLSRPT_ORGANIZATION;
import static org.danerelay.server.config.ConfigKey.TLS_POLICY;
import static org.danerelay.server.config.ConfigKey.TLS_POLICY_MAP;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.danerelay.server.config.ConfigKey;
import org.danerelay.server.config.DeliveryConfig;
import org.danerelay.server.config.MtaStsConfig;
import org.danerelay.server.config.RelayConfig;
import org.danerelay.server.config.TlsPolicyConfig;

/**
 * Which settings a reload applies and which need a restart (docs/adr/0013-reload.md); every key is
 * in exactly one of the two lists.
 *
 * <p>A reload applies what is read per session, per transaction or per delivery attempt: the TLS
 * certificate, key and protocols (at each STARTTLS), the AUTH users file, the message, line,
 * recipient and free-space limits, who may relay and which domains are local (at each MAIL), the
 * log level, and the routing of deliveries (at each attempt).
 *
 * <p>What was spent at start-up cannot change without a restart: sockets bound, the queue opened,
 * threads, pools and limits sized, the resolver and the log file set up. A reload compares those
 * with the values the relay started with, logs each change as needing a restart, and keeps the
 * running values.
 */
final class ReloadScope {

  /** One key and how to read its value from a configuration. */
  private record Entry(ConfigKey<?> key, Function<RelayConfig, Object> value) {}

  /** Applied by a reload; the files they name are read again even when the names stay. */
  private static final List<Entry> APPLIED =
      List.of(
          new Entry(SMTPD_TLS_CERT, RelayConfig::tlsCert),
          new Entry(SMTPD_TLS_KEY, RelayConfig::tlsKey),
          new Entry(SMTPD_TLS_PROTOCOLS, RelayConfig::tlsProtocols),
          new Entry(SMTPD_MAX_MESSAGE_SIZE, RelayConfig::maxMessageSize),
          new Entry(SMTPD_MIN_FREE_SPACE, RelayConfig::minFreeSpace),
          new Entry(SMTPD_MAX_RECIPIENTS, RelayConfig::maxRecipients),
          new Entry(SMTPD_MAX_LINE_LENGTH, RelayConfig::maxLineLength),
          new Entry(SMTPD_RESOLVE_CLIENT_NAMES, RelayConfig::resolveClientNames),
          new Entry(RELAY_NETWORKS, RelayConfig::relayNetworks),
          new Entry(LOCAL_DOMAINS, RelayConfig::localDomains),
          new Entry(LOCAL_FORWARD, RelayConfig::localForward),
          new Entry(LOCAL_RECIPIENTS, config -> config.recipientVerify().recipients()),
          new Entry(LOCAL_VERIFY_TIMEOUT, config -> config.recipientVerify().timeout()),
          new Entry(
              LOCAL_VERIFY_POSITIVE_REFRESH, config -> config.recipientVerify().positiveRefresh()),
          new Entry(
              LOCAL_VERIFY_POSITIVE_EXPIRE, config -> config.recipientVerify().positiveExpire()),
          new Entry(
              LOCAL_VERIFY_NEGATIVE_EXPIRE, config -> config.recipientVerify().negativeExpire()),
          new Entry(LOCAL_VERIFY_CACHE_SIZE, config -> config.recipientVerify().cacheSize()),
          new Entry(LOG_LEVEL, RelayConfig::logLevel),
          new Entry(TLS_POLICY, config -> config.tlsPolicy().level()),
          new Entry(TLS_POLICY_MAP, config -> config.tlsPolicy().mapFile()),
          new Entry(DELIVERY_PORT, config -> config.tlsPolicy().deliveryPort()),
          new Entry(MTA_STS_ENABLED, config -> config.tlsPolicy().mtaSts().enabled()),
          new Entry(DELIVERY_ROUTES, config -> config.delivery().routes()));

  /** Spent at start-up: a change is logged as needing a restart, and the running value kept. */
  private static final List<Entry> RESTART_ONLY =
      List.of(
          // Sockets bound once: SubEthaSMTP servers, the admin HTTP server.
          new Entry(SMTPD_LISTEN, RelayConfig::smtpdListen),
          new Entry(SMTPD_SUBMISSION_LISTEN, RelayConfig::submissionListen),
          new Entry(ADMIN_LISTEN, RelayConfig::adminListen),
          // Built into each listener: the banner name, and whether AUTH is offered at all.
          new Entry(SMTPD_HOSTNAME, RelayConfig::hostname),
          new Entry(SMTPD_AUTH_USERS, config -> config.authUsers().isPresent()),
          new Entry(SMTPD_AUTH_ON_PORT_25, config -> config.auth().onPort25()),
          // The failure ledger is sized once and keeps counting across a reload.
          new Entry(SMTPD_AUTH_MAX_FAILURES, config -> config.auth().maxFailures()),
          new Entry(SMTPD_AUTH_FAILURE_DELAY, config -> config.auth().failureDelay()),
          new Entry(
              SMTPD_AUTH_MAX_FAILURES_PER_CLIENT, config -> config.auth().maxFailuresPerClient()),
          new Entry(SMTPD_AUTH_CLIENT_WINDOW, config -> config.auth().clientWindow()),
          // The session guard, the socket factory and the watch take these at start.
          new Entry(SMTPD_MAX_CONNECTIONS, RelayConfig::maxConnections),
          new Entry(SMTPD_MAX_CONNECTIONS_PER_CLIENT, RelayConfig::maxConnectionsPerClient),
          new Entry(SMTPD_IDLE_TIMEOUT, RelayConfig::idleTimeout),
          new Entry(SMTPD_SESSION_TIMEOUT, RelayConfig::sessionTimeout),
          new Entry(SMTPD_STRESS_TIMEOUT, RelayConfig::stressTimeout),
          new Entry(SMTPD_MIN_DATA_RATE, RelayConfig::minDataRate),
          new Entry(SMTPD_SOFT_ERROR_LIMIT, config -> config.errorLimits().soft()),
          new Entry(SMTPD_HARD_ERROR_LIMIT, config -> config.errorLimits().hard()),
          new Entry(SMTPD_ERROR_SLEEP_TIME, config -> config.errorLimits().sleep()),
          new Entry(SMTPD_JUNK_COMMAND_LIMIT, config -> config.errorLimits().junk()),
          new Entry(SMTPD_PROXY_PROTOCOL_FROM, RelayConfig::proxyProtocolFrom),
          // The queue: its folder, database, node claim and retry rules are opened once.
          new Entry(DATA_DIR, RelayConfig::dataDir),
          new Entry(QUEUE_URL, RelayConfig::queueUrl),
          new Entry(NODE_NAME, RelayConfig::nodeName),
          new Entry(QUEUE_LEASE, RelayConfig::queueLease),
          new Entry(RETRY_SCHEDULE, config -> config.delivery().retrySchedule()),
          new Entry(QUEUE_LIFETIME, config -> config.delivery().lifetime()),
          new Entry(LOG_FILE, RelayConfig::logFile),
          // The resolver and its cache are shared by every delivery.
          new Entry(DNS_RESOLVERS, config -> config.dns().resolvers()),
          new Entry(DNS_DNSSEC, config -> config.dns().mode()),
          new Entry(DNS_TRUST_ANCHORS, config -> config.dns().trustAnchors()),
          new Entry(DNS_TIMEOUT, config -> config.dns().timeout()),
          // The SMTP client and the policy fetcher load the roots once, at start.
          new Entry(MTA_STS_TRUST_STORE, config -> config.tlsPolicy().mtaSts().trustStore()),
          new Entry(MTA_STS_PORT, config -> config.tlsPolicy().mtaSts().port()),
          // The session tally and the daily reports are set up once, at start.
          new Entry(TLSRPT_ENABLED, config -> config.tlsPolicy().tlsRpt().enabled()),
          new Entry(TLSRPT_ORGANIZATION, config -> config.tlsPolicy().tlsRpt().organization()),
          new Entry(TLSRPT_CONTACT, config -> config.tlsPolicy().tlsRpt().contact()),
          new Entry(TLSRPT_DKIM_KEY, config -> config.tlsPolicy().tlsRpt().dkimKey()),
          new Entry(TLSRPT_DKIM_SELECTOR, config -> config.tlsPolicy().tlsRpt().dkimSelector()),
          // The delivery engine: started or not, its workers, connection cache and SMTP client.
          new Entry(DELIVERY_HOLD, config -> config.delivery().hold()),
          new Entry(DELIVERY_CONCURRENCY, config -> config.delivery().concurrency()),
          new Entry(
              DELIVERY_CONCURRENCY_PER_DESTINATION, config -> config.delivery().perDestination()),
          new Entry(DELIVERY_DELAY_WARNING, config -> config.delivery().delayWarning()),
          new Entry(
              DELIVERY_CONNECTION_CACHE_TIME, config -> config.delivery().connectionCacheTime()),
          new Entry(DELIVERY_CONNECT_TIMEOUT, config -> config.delivery().timeouts().connect()),
          new Entry(DELIVERY_GREETING_TIMEOUT, config -> config.delivery().timeouts().greeting()),
          new Entry(DELIVERY_COMMAND_TIMEOUT, config -> config.delivery().timeouts().command()),
          new Entry(
              DELIVERY_TLS_HANDSHAKE_TIMEOUT,
              config -> config.delivery().timeouts().tlsHandshake()),
          new Entry(
              DELIVERY_DATA_BLOCK_TIMEOUT, config -> config.delivery().timeouts().dataBlock()),
          new Entry(DELIVERY_DATA_END_TIMEOUT, config -> config.delivery().timeouts().dataEnd()));

  private ReloadScope() {}

  /** The keys a reload applies. */
  static List<ConfigKey<?>> appliedKeys() {
    return APPLIED.stream().<ConfigKey<?>>map(Entry::key).toList();
  }

  /** The keys that need a restart. */
  static List<ConfigKey<?>> restartOnlyKeys() {
    return RESTART_ONLY.stream().<ConfigKey<?>>map(Entry::key).toList();
  }

  /** The applied keys whose value in {@code next} differs from {@code before}'s. */
  static List<String> appliedChanges(RelayConfig before, RelayConfig next) {
    return changed(APPLIED, before, next);
  }

  /** The restart-only keys whose value in {@code fresh} differs from {@code running}'s. */
  static List<String> restartOnlyChanges(RelayConfig running, RelayConfig fresh) {
    return changed(RESTART_ONLY, running, fresh);
  }

  private static List<String> changed(List<Entry> entries, RelayConfig a, RelayConfig b) {
    return entries.stream()
        .filter(e -> !Objects.equals(e.value().apply(a), e.value().apply(b)))
        .map(e -> e.key().name())
        .toList();
  }

  /** {@code fresh}, with every restart-only setting as {@code running} has it. */
  static RelayConfig keepRunning(RelayConfig running, RelayConfig fresh) {
    // AUTH cannot be switched on or off, but the users file it reads may move.
    var authUsers =
        running.authUsers().isPresent() == fresh.authUsers().isPresent()
            ? fresh.authUsers()
            : running.authUsers();
    DeliveryConfig was = running.delivery();
    return new RelayConfig(
        fresh.configFile(),
        running.smtpdListen(),
        running.submissionListen(),
        running.adminListen(),
        running.hostname(),
        fresh.tlsCert(),
        fresh.tlsKey(),
        fresh.tlsProtocols(),
        authUsers,
        running.auth(),
        fresh.maxMessageSize(),
        fresh.minFreeSpace(),
        fresh.maxRecipients(),
        fresh.maxLineLength(),
        running.maxConnections(),
        running.maxConnectionsPerClient(),
        running.idleTimeout(),
        running.sessionTimeout(),
        running.stressTimeout(),
        running.minDataRate(),
        running.errorLimits(),
        fresh.resolveClientNames(),
        running.proxyProtocolFrom(),
        fresh.relayNetworks(),
        fresh.localDomains(),
        fresh.localForward(),
        fresh.recipientVerify(),
        running.dataDir(),
        running.queueUrl(),
        running.nodeName(),
        running.queueLease(),
        fresh.logLevel(),
        running.logFile(),
        running.dns(),
        withRunningMtaStsTrust(running.tlsPolicy(), fresh.tlsPolicy()),
        new DeliveryConfig(
            fresh.delivery().routes(),
            was.hold(),
            was.retrySchedule(),
            was.lifetime(),
            was.concurrency(),
            was.perDestination(),
            was.delayWarning(),
            was.connectionCacheTime(),
            was.timeouts()));
  }

  /**
   * {@code fresh}'s TLS policy with the running MTA-STS trust store and port and TLSRPT settings,
   * which need a restart.
   */
  private static TlsPolicyConfig withRunningMtaStsTrust(
      TlsPolicyConfig running, TlsPolicyConfig fresh) {
    return new TlsPolicyConfig(
        fresh.level(),
        fresh.mapFile(),
        fresh.deliveryPort(),
        new MtaStsConfig(
            fresh.mtaSts().enabled(), running.mtaSts().trustStore(), running.mtaSts().port()),
        running.tlsRpt());
  }
}
