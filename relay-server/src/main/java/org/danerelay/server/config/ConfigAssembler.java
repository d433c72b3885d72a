package org.danerelay.server.config;

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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.danerelay.server.smtp.wire.ErrorLimits;

/**
 * Builds the {@link RelayConfig} from parsed values: resolves paths against the config file's
 * folder and checks the rules that involve more than one key.
 */
final class ConfigAssembler {

  private final Path configFile;
  private final Path folder;
  private final Supplier<String> systemHostname;

  ConfigAssembler(Path configFile, Supplier<String> systemHostname) {
    this.configFile = configFile.toAbsolutePath().normalize();
    this.folder = this.configFile.getParent();
    this.systemHostname = systemHostname;
  }

  /**
   * Returns the config, or fails at the origin of the setting that breaks a rule.
   *
   * @throws ConfigException as {@code <origin>: <reason>}
   */
  RelayConfig assemble(ConfigValues values) {
    requirePair(values, SMTPD_TLS_CERT, SMTPD_TLS_KEY);
    requirePair(values, TLSRPT_DKIM_KEY, TLSRPT_DKIM_SELECTOR);
    requireDistinctListeners(values);
    requireLocalForward(values);
    return new RelayConfig(
        configFile,
        values.get(SMTPD_LISTEN),
        values.get(SMTPD_SUBMISSION_LISTEN),
        values.get(ADMIN_LISTEN),
        values.get(SMTPD_HOSTNAME).orElseGet(systemHostname),
        readableFile(values, SMTPD_TLS_CERT),
        readableFile(values, SMTPD_TLS_KEY),
        values.get(SMTPD_TLS_PROTOCOLS),
        readableFile(values, SMTPD_AUTH_USERS),
        new AuthConfig(
            values.get(SMTPD_AUTH_ON_PORT_25),
            values.get(SMTPD_AUTH_MAX_FAILURES),
            values.get(SMTPD_AUTH_FAILURE_DELAY),
            values.get(SMTPD_AUTH_MAX_FAILURES_PER_CLIENT),
            values.get(SMTPD_AUTH_CLIENT_WINDOW)),
        values.get(SMTPD_MAX_MESSAGE_SIZE).bytes(),
        values.get(SMTPD_MIN_FREE_SPACE).bytes(),
        values.get(SMTPD_MAX_RECIPIENTS),
        values.get(SMTPD_MAX_LINE_LENGTH),
        values.get(SMTPD_MAX_CONNECTIONS),
        values.get(SMTPD_MAX_CONNECTIONS_PER_CLIENT),
        values.get(SMTPD_IDLE_TIMEOUT),
        values.get(SMTPD_SESSION_TIMEOUT),
        values.get(SMTPD_STRESS_TIMEOUT),
        values.get(SMTPD_MIN_DATA_RATE),
        new ErrorLimits(
            values.get(SMTPD_SOFT_ERROR_LIMIT),
            values.get(SMTPD_HARD_ERROR_LIMIT),
            values.get(SMTPD_ERROR_SLEEP_TIME),
            values.get(SMTPD_JUNK_COMMAND_LIMIT)),
        values.get(SMTPD_RESOLVE_CLIENT_NAMES),
        values.get(SMTPD_PROXY_PROTOCOL_FROM),
        values.get(RELAY_NETWORKS),
        new LinkedHashSet<>(values.get(LOCAL_DOMAINS)),
        values.get(LOCAL_FORWARD),
        recipientVerify(values),
        resolve(values.get(DATA_DIR)),
        values.get(QUEUE_URL),
        values.get(NODE_NAME).orElseGet(systemHostname),
        values.get(QUEUE_LEASE),
        values.get(LOG_LEVEL),
        values.get(LOG_FILE).map(this::resolve),
        dnsConfig(values),
        new TlsPolicyConfig(
            values.get(TLS_POLICY),
            readableFile(values, TLS_POLICY_MAP),
            values.get(DELIVERY_PORT),
            new MtaStsConfig(
                values.get(MTA_STS_ENABLED),
                readableFile(values, MTA_STS_TRUST_STORE),
                values.get(MTA_STS_PORT)),
            tlsRpt(values)),
        new DeliveryConfig(
            readableFile(values, DELIVERY_ROUTES),
            values.get(DELIVERY_HOLD),
            values.get(RETRY_SCHEDULE),
            values.get(QUEUE_LIFETIME),
            values.get(DELIVERY_CONCURRENCY),
            values.get(DELIVERY_CONCURRENCY_PER_DESTINATION),
            values.get(DELIVERY_DELAY_WARNING),
            values.get(DELIVERY_CONNECTION_CACHE_TIME),
            new SmtpTimeouts(
                values.get(DELIVERY_CONNECT_TIMEOUT),
                values.get(DELIVERY_GREETING_TIMEOUT),
                values.get(DELIVERY_COMMAND_TIMEOUT),
                values.get(DELIVERY_TLS_HANDSHAKE_TIMEOUT),
                values.get(DELIVERY_DATA_BLOCK_TIMEOUT),
                values.get(DELIVERY_DATA_END_TIMEOUT))));
  }

  private RecipientVerifyConfig recipientVerify(ConfigValues values) {
    if (values
            .get(LOCAL_VERIFY_POSITIVE_EXPIRE)
            .compareTo(values.get(LOCAL_VERIFY_POSITIVE_REFRESH))
        < 0) {
      throw values
          .origin(LOCAL_VERIFY_POSITIVE_EXPIRE)
          .badValue(
              LOCAL_VERIFY_POSITIVE_EXPIRE.name(),
              "shorter than " + LOCAL_VERIFY_POSITIVE_REFRESH.name() + " (expire comes after it)");
    }
    return new RecipientVerifyConfig(
        readableFile(values, LOCAL_RECIPIENTS),
        values.get(LOCAL_VERIFY_TIMEOUT),
        values.get(LOCAL_VERIFY_POSITIVE_REFRESH),
        values.get(LOCAL_VERIFY_POSITIVE_EXPIRE),
        values.get(LOCAL_VERIFY_NEGATIVE_EXPIRE),
        values.get(LOCAL_VERIFY_CACHE_SIZE));
  }

  /** The trust anchor file matters only to the validating mode, so only then must it exist. */
  /** The reports come from the relay's own name unless the postmaster names another. */
  private TlsRptConfig tlsRpt(ConfigValues values) {
    String hostname = values.get(SMTPD_HOSTNAME).orElseGet(systemHostname);
    return new TlsRptConfig(
        values.get(TLSRPT_ENABLED),
        values.get(TLSRPT_ORGANIZATION).orElse(hostname),
        hostname,
        values.get(TLSRPT_CONTACT).orElse("postmaster@" + hostname),
        readableFile(values, TLSRPT_DKIM_KEY),
        values.get(TLSRPT_DKIM_SELECTOR));
  }

  private DnsConfig dnsConfig(ConfigValues values) {
    DnsConfig dns =
        new DnsConfig(
            values.get(DNS_RESOLVERS),
            values.get(DNS_DNSSEC),
            resolve(values.get(DNS_TRUST_ANCHORS)),
            values.get(DNS_TIMEOUT));
    Path anchors = dns.trustAnchors();
    if (dns.validates() && !(Files.isRegularFile(anchors) && Files.isReadable(anchors))) {
      Origin anchorsOrigin = values.origin(DNS_TRUST_ANCHORS);
      if (anchorsOrigin.equals(Origin.builtIn(DNS_TRUST_ANCHORS.name()))) {
        // Nobody wrote the default path: the error belongs where validation was asked for, so
        // that it starts with the file and line as every other one does.
        throw values
            .origin(DNS_DNSSEC)
            .badValue(
                DNS_DNSSEC.name(),
                "validate reads " + DNS_TRUST_ANCHORS.name() + ", but cannot read file " + anchors);
      }
      throw anchorsOrigin.badValue(DNS_TRUST_ANCHORS.name(), "cannot read file " + anchors);
    }
    return dns;
  }

  /** A relative path means relative to the config folder, so a copied conf/ is self-contained. */
  private Path resolve(Path path) {
    return folder.resolve(path).normalize();
  }

  /** Input files are checked now, so a typo is reported with its line rather than at first use. */
  private Optional<Path> readableFile(ConfigValues values, ConfigKey<Optional<Path>> key) {
    Optional<Path> path = values.get(key).map(this::resolve);
    if (path.isPresent() && !(Files.isRegularFile(path.get()) && Files.isReadable(path.get()))) {
      throw values.origin(key).badValue(key.name(), "cannot read file " + path.get());
    }
    return path;
  }

  /** Two keys that mean something only together: a certificate and its key, a key and its name. */
  private static void requirePair(
      ConfigValues values,
      ConfigKey<? extends Optional<?>> first,
      ConfigKey<? extends Optional<?>> second) {
    boolean one = values.get(first).isPresent();
    boolean other = values.get(second).isPresent();
    if (one && !other) {
      throw values.origin(first).error(pairReason(first, second));
    }
    if (other && !one) {
      throw values.origin(second).error(pairReason(second, first));
    }
  }

  private static String pairReason(ConfigKey<?> given, ConfigKey<?> missing) {
    return given.name() + " is set but " + missing.name() + " is not (set both or neither)";
  }

  /**
   * Mail accepted for a local domain with nowhere to go would wait out queue.lifetime and then
   * bounce to a sender nobody checked (backscatter), and recipients could not be verified at RCPT.
   */
  private static void requireLocalForward(ConfigValues values) {
    if (!values.get(LOCAL_DOMAINS).isEmpty() && values.get(LOCAL_FORWARD).isEmpty()) {
      throw values
          .origin(LOCAL_DOMAINS)
          .error(
              LOCAL_DOMAINS.name()
                  + " is set but "
                  + LOCAL_FORWARD.name()
                  + " is not: mail for local domains needs a next hop, and its recipients are"
                  + " checked there (set local.forward = IP:port of the mailbox server)");
    }
  }

  /** Two listeners on one address could not both bind; port 0 picks a free port each time. */
  private static void requireDistinctListeners(ConfigValues values) {
    Set<HostPort> seen = new HashSet<>();
    for (ConfigKey<List<HostPort>> key : List.of(SMTPD_LISTEN, SMTPD_SUBMISSION_LISTEN)) {
      for (HostPort address : values.get(key)) {
        requireUnseen(values, key, address, seen);
      }
    }
    values.get(ADMIN_LISTEN).ifPresent(admin -> requireUnseen(values, ADMIN_LISTEN, admin, seen));
  }

  private static void requireUnseen(
      ConfigValues values, ConfigKey<?> key, HostPort address, Set<HostPort> seen) {
    if (address.port() != 0 && !seen.add(address)) {
      throw values
          .origin(key)
          .badValue(key.name(), address + " is listed twice across the listen keys");
    }
  }
}
