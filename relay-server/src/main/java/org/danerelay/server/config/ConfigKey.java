package org.danerelay.server.config;

import static org.danerelay.server.config.ValueTypes.bool;
import static org.danerelay.server.config.ValueTypes.domainName;
import static org.danerelay.server.config.ValueTypes.duration;
import static org.danerelay.server.config.ValueTypes.durationAtLeast;
import static org.danerelay.server.config.ValueTypes.durationOrOff;
import static org.danerelay.server.config.ValueTypes.hostPort;
import static org.danerelay.server.config.ValueTypes.jdbcUrl;
import static org.danerelay.server.config.ValueTypes.logLevel;
import static org.danerelay.server.config.ValueTypes.mailbox;
import static org.danerelay.server.config.ValueTypes.oneLine;
import static org.danerelay.server.config.ValueTypes.oneOf;
import static org.danerelay.server.config.ValueTypes.path;
import static org.danerelay.server.config.ValueTypes.proxyNetwork;
import static org.danerelay.server.config.ValueTypes.relayNetwork;
import static org.danerelay.server.config.ValueTypes.retrySteps;
import static org.danerelay.server.config.ValueTypes.size;
import static org.danerelay.server.config.ValueTypes.tlsProtocol;
import static org.danerelay.server.config.ValueTypes.wholeNumber;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.danerelay.queue.QueueSettings;

/**
 * The table of configuration keys: each key's name, value type, default and one-line meaning.
 *
 * <p>This is the only place a key is declared; the parser, the built-in defaults and the {@code
 * --help} text all read it. Defaults are written as text and parsed like the file, so they can
 * never disagree with what the file would say.
 *
 * @param <T> the parsed value type
 */
public final class ConfigKey<T> {

  public static final ConfigKey<List<HostPort>> SMTPD_LISTEN =
      new ConfigKey<>(
          "smtpd.listen",
          hostPort().list(),
          "127.0.0.1:2525",
          "Addresses where SMTP is accepted, with STARTTLS offered but optional.");
  public static final ConfigKey<List<HostPort>> SMTPD_SUBMISSION_LISTEN =
      new ConfigKey<>(
          "smtpd.submission.listen",
          hostPort().list(),
          "",
          "Addresses where STARTTLS is required before MAIL and AUTH (submission).");
  public static final ConfigKey<Optional<String>> SMTPD_HOSTNAME =
      new ConfigKey<>(
          "smtpd.hostname",
          domainName().optional(),
          "",
          "Name in the greeting, EHLO reply and Received headers; empty = the system host name.");
  public static final ConfigKey<Optional<Path>> SMTPD_TLS_CERT =
      new ConfigKey<>(
          "smtpd.tls.cert",
          path().optional(),
          "",
          "PEM certificate chain, leaf first; empty (with the key) = a self-signed pair in data.dir.");
  public static final ConfigKey<Optional<Path>> SMTPD_TLS_KEY =
      new ConfigKey<>(
          "smtpd.tls.key",
          path().optional(),
          "",
          "PEM private key for smtpd.tls.cert; set both or neither.");
  public static final ConfigKey<List<String>> SMTPD_TLS_PROTOCOLS =
      new ConfigKey<>(
          "smtpd.tls.protocols",
          tlsProtocol().list().require(list -> !list.isEmpty(), "name at least one protocol"),
          "TLSv1.3, TLSv1.2",
          "TLS versions offered to clients; only TLSv1.3 and TLSv1.2 are allowed.");
  public static final ConfigKey<Optional<Path>> SMTPD_AUTH_USERS =
      new ConfigKey<>(
          "smtpd.auth.users",
          path().optional(),
          "",
          "File of user:hash lines for SMTP AUTH, offered only after STARTTLS; empty = no AUTH.");
  public static final ConfigKey<Boolean> SMTPD_AUTH_ON_PORT_25 =
      new ConfigKey<>(
          "smtpd.auth.on-port-25",
          bool(),
          "false",
          "Offer AUTH on the smtpd.listen addresses too (after STARTTLS); false keeps AUTH to the"
              + " submission listeners, so port 25 takes no password guesses.");
  public static final ConfigKey<Integer> SMTPD_AUTH_MAX_FAILURES =
      new ConfigKey<>(
          "smtpd.auth.max-failures",
          wholeNumber(1),
          "3",
          "Failed AUTH exchanges one session may make: the last is answered 421 4.7.0 and the"
              + " connection closed (RFC 4954 4).");
  public static final ConfigKey<Duration> SMTPD_AUTH_FAILURE_DELAY =
      new ConfigKey<>(
          "smtpd.auth.failure-delay",
          durationOrOff(),
          "1s",
          "Pause before the reply to a session's first failed AUTH, one more of it before each"
              + " later one (1s, 2s, 3s); 0 answers at once.");
  public static final ConfigKey<Integer> SMTPD_AUTH_MAX_FAILURES_PER_CLIENT =
      new ConfigKey<>(
          "smtpd.auth.max-failures-per-client",
          wholeNumber(1),
          "10",
          "Failed AUTH exchanges from one address (an IPv6 /64) within smtpd.auth.client-window"
              + " after which its AUTH gets 454 4.7.0 until they age out.");
  public static final ConfigKey<Duration> SMTPD_AUTH_CLIENT_WINDOW =
      new ConfigKey<>(
          "smtpd.auth.client-window",
          duration(),
          "15m",
          "How long a failed AUTH counts against its client address.");
  public static final ConfigKey<DataSize> SMTPD_MAX_MESSAGE_SIZE =
      new ConfigKey<>(
          "smtpd.max-message-size",
          size(),
          "50M",
          "Largest message accepted, advertised with SIZE; larger ones get 552.");
  public static final ConfigKey<DataSize> SMTPD_MIN_FREE_SPACE =
      new ConfigKey<>(
          "smtpd.min-free-space",
          size(),
          "100M",
          "Free space the queue's file system must keep: below it MAIL gets 452 4.3.1, and so does"
              + " a SIZE= that would take it below (keep it above smtpd.max-message-size).");
  public static final ConfigKey<Integer> SMTPD_MAX_RECIPIENTS =
      new ConfigKey<>(
          "smtpd.max-recipients", wholeNumber(1), "1000", "Most recipients in one message.");
  public static final ConfigKey<Integer> SMTPD_MAX_LINE_LENGTH =
      new ConfigKey<>(
          "smtpd.max-line-length",
          wholeNumber(512),
          "998",
          "Longest line of message content in octets without CRLF, longer ones get 550 5.6.0"
              + " (RFC 5321 4.5.3.1.6; the SMTP library caps command lines at 997).");
  public static final ConfigKey<Integer> SMTPD_MAX_CONNECTIONS =
      new ConfigKey<>(
          "smtpd.max-connections",
          wholeNumber(1),
          "1000",
          "Most concurrent SMTP sessions, further clients get 421; from three quarters of it on,"
              + " the listener is under stress and smtpd.stress-timeout applies.");
  public static final ConfigKey<Integer> SMTPD_MAX_CONNECTIONS_PER_CLIENT =
      new ConfigKey<>(
          "smtpd.max-connections-per-client",
          wholeNumber(1),
          "50",
          "Most concurrent SMTP sessions from one address outside relay.networks; more get 421.");
  public static final ConfigKey<Duration> SMTPD_IDLE_TIMEOUT =
      new ConfigKey<>(
          "smtpd.idle-timeout",
          duration(),
          "5m",
          "How long a client may take to send each whole command line, counted from when the"
              + " relay waits for it, however its bytes trickle in (RFC 5321 4.5.3.2.7); also"
              + " the limit on the TLS handshake and on a client that stops reading.");
  public static final ConfigKey<Duration> SMTPD_STRESS_TIMEOUT =
      new ConfigKey<>(
          "smtpd.stress-timeout",
          duration(),
          "10s",
          "The smtpd.idle-timeout while the listener is under stress, so that idle floods drain"
              + " fast (Postfix's ${stress?{10}:{300}}s).");
  public static final ConfigKey<Integer> SMTPD_MIN_DATA_RATE =
      new ConfigKey<>(
          "smtpd.min-data-rate",
          wholeNumber(1),
          "500",
          "Octets per second of message content that each earn the client a second more, up to"
              + " smtpd.idle-timeout ahead; slower clients get 421 4.4.2 (Postfix's"
              + " smtpd_min_data_rate).");
  public static final ConfigKey<Integer> SMTPD_SOFT_ERROR_LIMIT =
      new ConfigKey<>(
          "smtpd.soft-error-limit",
          wholeNumber(0),
          "10",
          "Errors (4xx and 5xx replies) a client may make before each next command waits"
              + " smtpd.error-sleep-time (Postfix's smtpd_soft_error_limit).");
  public static final ConfigKey<Integer> SMTPD_HARD_ERROR_LIMIT =
      new ConfigKey<>(
          "smtpd.hard-error-limit",
          wholeNumber(1),
          "20",
          "Errors at which the session ends with 421 4.7.0; a queued message forgives them"
              + " (Postfix's smtpd_hard_error_limit).");
  public static final ConfigKey<Duration> SMTPD_ERROR_SLEEP_TIME =
      new ConfigKey<>(
          "smtpd.error-sleep-time",
          durationOrOff(),
          "1s",
          "The wait before each command of a client past smtpd.soft-error-limit.");
  public static final ConfigKey<Integer> SMTPD_JUNK_COMMAND_LIMIT =
      new ConfigKey<>(
          "smtpd.junk-command-limit",
          wholeNumber(0),
          "100",
          "NOOP, RSET, VRFY, EXPN and HELP commands a session may send before each further one"
              + " counts as an error (Postfix's smtpd_junk_command_limit).");
  public static final ConfigKey<Duration> SMTPD_SESSION_TIMEOUT =
      new ConfigKey<>(
          "smtpd.session-timeout", duration(), "30m", "Longest a whole SMTP session may last.");
  public static final ConfigKey<Boolean> SMTPD_RESOLVE_CLIENT_NAMES =
      new ConfigKey<>(
          "smtpd.resolve-client-names",
          bool(),
          "false",
          "Look up client names by reverse DNS for Received headers.");
  public static final ConfigKey<List<Cidr>> RELAY_NETWORKS =
      new ConfigKey<>(
          "relay.networks",
          relayNetwork().list(),
          "127.0.0.0/8, ::1/128",
          "Client networks that may relay to any domain; everyone else only to local.domains.");
  public static final ConfigKey<List<Cidr>> SMTPD_PROXY_PROTOCOL_FROM =
      new ConfigKey<>(
          "smtpd.proxy-protocol.from",
          proxyNetwork().list(),
          "",
          "Proxies (CIDR) whose connections must start with a PROXY protocol header (v1 or v2)"
              + " naming the real client, which then decides relaying and limits; empty means none.");
  public static final ConfigKey<List<String>> LOCAL_DOMAINS =
      new ConfigKey<>(
          "local.domains",
          domainName().list(),
          "",
          "Domains this relay accepts mail for from anyone, as their inbound MX.");
  public static final ConfigKey<Optional<HostPort>> LOCAL_FORWARD =
      new ConfigKey<>(
          "local.forward",
          hostPort().require(to -> to.port() > 0, "port 0 is only for listeners").optional(),
          "",
          "Where mail for local.domains is passed on (host:port).");
  public static final ConfigKey<Optional<Path>> LOCAL_RECIPIENTS =
      new ConfigKey<>(
          "local.recipients",
          path().optional(),
          "",
          "File of the local.domains addresses that exist, one a line ('@domain' for all of a"
              + " domain), which then decides at RCPT instead of asking local.forward; empty = ask.");
  public static final ConfigKey<Duration> LOCAL_VERIFY_TIMEOUT =
      new ConfigKey<>(
          "local.verify.timeout",
          duration(),
          "5s",
          "How long asking local.forward whether a recipient exists may take in all, connect to"
              + " RCPT reply; past it the client gets 450 4.1.1 and tries again later.");
  public static final ConfigKey<Duration> LOCAL_VERIFY_POSITIVE_REFRESH =
      new ConfigKey<>(
          "local.verify.positive-refresh",
          durationOrOff(),
          "7d",
          "How long an address local.forward accepted is taken without asking again (Postfix's"
              + " address_verify_positive_refresh_time).");
  public static final ConfigKey<Duration> LOCAL_VERIFY_POSITIVE_EXPIRE =
      new ConfigKey<>(
          "local.verify.positive-expire",
          durationOrOff(),
          "31d",
          "How long an accepted address is still taken while local.forward cannot answer"
              + " (Postfix's address_verify_positive_expire_time).");
  public static final ConfigKey<Duration> LOCAL_VERIFY_NEGATIVE_EXPIRE =
      new ConfigKey<>(
          "local.verify.negative-expire",
          durationOrOff(),
          "1h",
          "How long an address local.forward refused is refused without asking again; 0 always"
              + " asks.");
  public static final ConfigKey<Integer> LOCAL_VERIFY_CACHE_SIZE =
      new ConfigKey<>(
          "local.verify.cache-size",
          wholeNumber(1),
          "20000",
          "Most addresses remembered, apart for accepted and refused ones, the least recently"
              + " used forgotten first.");
  public static final ConfigKey<Path> DATA_DIR =
      new ConfigKey<>(
          "data.dir", path(), "../data", "Folder for the queue, the spool and generated keys.");
  public static final ConfigKey<Optional<String>> QUEUE_URL =
      new ConfigKey<>(
          "queue.url",
          jdbcUrl().optional(),
          "",
          "JDBC URL of the queue database; empty = an H2 file database inside data.dir, and"
              + " jdbc:postgresql://host:port/db?user=NAME one that several nodes share.");
  public static final ConfigKey<Optional<String>> NODE_NAME =
      new ConfigKey<>(
          "node.name",
          domainName().optional(),
          "",
          "This relay's name in queue claims, its own on a shared queue; empty = the system"
              + " host name.");
  public static final ConfigKey<Duration> QUEUE_LEASE =
      new ConfigKey<>(
          "queue.lease",
          durationAtLeast(QueueSettings.MIN_SHARED_LEASE),
          "60s",
          "On a shared queue, how long a node's claim on a recipient lasts unless renewed: how"
              + " soon another node delivers what a node that died had claimed.");
  public static final ConfigKey<LogLevel> LOG_LEVEL =
      new ConfigKey<>(
          "log.level",
          logLevel(),
          "info",
          "Least severe log events written: error, warn, info or debug.");
  public static final ConfigKey<Optional<Path>> LOG_FILE =
      new ConfigKey<>(
          "log.file", path().optional(), "", "File to log to; empty = standard output only.");
  public static final ConfigKey<Optional<HostPort>> ADMIN_LISTEN =
      new ConfigKey<>(
          "admin.listen",
          hostPort().optional(),
          "127.0.0.1:9025",
          "HTTP listener for GET /metrics (Prometheus) and GET /health, without authentication,"
              + " so on loopback or a monitoring network only; empty = none.");

  public static final ConfigKey<List<HostPort>> DNS_RESOLVERS =
      new ConfigKey<>(
          "dns.resolvers",
          hostPort().require(to -> to.port() > 0, "a resolver needs its port").list(),
          "",
          "Resolvers to ask (host:port); empty = the nameservers in /etc/resolv.conf.");
  public static final ConfigKey<String> DNS_DNSSEC =
      new ConfigKey<>(
          "dns.dnssec",
          oneOf(DnsConfig.MODES),
          "resolver",
          "How DNSSEC status is known: resolver trusts the AD bit of dns.resolvers (use a"
              + " validating resolver on loopback), validate checks signatures in process.");
  public static final ConfigKey<Path> DNS_TRUST_ANCHORS =
      new ConfigKey<>(
          "dns.trust-anchors",
          path(),
          "root-anchors.txt",
          "File of DS or DNSKEY records that dns.dnssec = validate starts from (the root KSKs).");
  public static final ConfigKey<Duration> DNS_TIMEOUT =
      new ConfigKey<>(
          "dns.timeout", duration(), "5s", "How long to wait for one resolver's answer.");
  public static final ConfigKey<String> TLS_POLICY =
      new ConfigKey<>(
          "tls.policy",
          oneOf(TlsPolicyConfig.LEVELS),
          "dane",
          "Outbound TLS level: dane (RFC 7672: DANE where TLSA is secure, else opportunistic),"
              + " dane-only, encrypt, may or none.");
  public static final ConfigKey<Optional<Path>> TLS_POLICY_MAP =
      new ConfigKey<>(
          "tls.policy.map",
          path().optional(),
          "",
          "File of 'domain level' lines that override tls.policy for those recipient domains.");
  public static final ConfigKey<Integer> DELIVERY_PORT =
      new ConfigKey<>(
          "delivery.port",
          wholeNumber(1).require(port -> port <= 65535, "a port is at most 65535"),
          "25",
          "The port MX hosts are reached on; TLSA is looked up at _port._tcp.host.");

  public static final ConfigKey<Boolean> MTA_STS_ENABLED =
      new ConfigKey<>(
          "mta-sts.enabled",
          bool(),
          "true",
          "Apply MTA-STS policies (RFC 8461) to MX hosts that DANE does not cover; DANE always"
              + " decides where it applies.");
  public static final ConfigKey<Optional<Path>> MTA_STS_TRUST_STORE =
      new ConfigKey<>(
          "mta-sts.trust-store",
          path().optional(),
          "",
          "PEM file of CA certificates trusted for MTA-STS policy hosts and for MX hosts under an"
              + " enforce policy; empty = the JDK's default trust store.");
  public static final ConfigKey<Integer> MTA_STS_PORT =
      new ConfigKey<>(
          "mta-sts.port",
          wholeNumber(1).require(port -> port <= 65535, "a port is at most 65535"),
          "443",
          "HTTPS port of mta-sts.<domain> policy hosts; anything but 443 is for tests.");

  public static final ConfigKey<Boolean> TLSRPT_ENABLED =
      new ConfigKey<>(
          "tlsrpt.enabled",
          bool(),
          "false",
          "Count each delivery session's TLS outcome and send the daily TLSRPT reports (RFC 8460)"
              + " to the domains that ask for them in _smtp._tls TXT records.");
  public static final ConfigKey<Optional<String>> TLSRPT_ORGANIZATION =
      new ConfigKey<>(
          "tlsrpt.organization",
          oneLine().optional(),
          "",
          "The organization-name of the reports (their submitter is the host name); empty = the"
              + " host name.");
  public static final ConfigKey<Optional<String>> TLSRPT_CONTACT =
      new ConfigKey<>(
          "tlsrpt.contact",
          mailbox().optional(),
          "",
          "The contact-info, From and envelope sender of the reports; empty = postmaster@ the host"
              + " name.");

  public static final ConfigKey<Optional<Path>> TLSRPT_DKIM_KEY =
      new ConfigKey<>(
          "tlsrpt.dkim.key",
          path().optional(),
          "",
          "PEM private key (RSA or Ed25519) that DKIM-signs report mail for tlsrpt.contact's domain,"
              + " as RFC 8460 asks; empty = unsigned (https: reports need none).");
  public static final ConfigKey<Optional<String>> TLSRPT_DKIM_SELECTOR =
      new ConfigKey<>(
          "tlsrpt.dkim.selector",
          domainName().optional(),
          "",
          "The DKIM selector of tlsrpt.dkim.key: its public key is at SELECTOR._domainkey.DOMAIN.");

  public static final ConfigKey<Optional<Path>> DELIVERY_ROUTES =
      new ConfigKey<>(
          "delivery.routes",
          path().optional(),
          "",
          "File of 'domain [host]:port' lines that send a domain's mail to that next hop instead of"
              + " its MX hosts (TLSA at _port._tcp.host).");
  public static final ConfigKey<Boolean> DELIVERY_HOLD =
      new ConfigKey<>(
          "delivery.hold",
          bool(),
          "false",
          "Accept and queue mail but deliver none (maintenance, the ingest benchmark).");
  public static final ConfigKey<String> RETRY_SCHEDULE =
      new ConfigKey<>(
          "retry.schedule",
          retrySteps(),
          "1m, 5m, 15m, 30m, 1h, 2h, 4h",
          "Waits between delivery attempts of a deferred recipient; the last one repeats.");
  public static final ConfigKey<Duration> QUEUE_LIFETIME =
      new ConfigKey<>(
          "queue.lifetime",
          duration(),
          "5d",
          "How long a message may stay deferred before it bounces with the last reason.");
  public static final ConfigKey<Integer> DELIVERY_CONCURRENCY =
      new ConfigKey<>(
          "delivery.concurrency",
          wholeNumber(1),
          "100",
          "Deliveries in flight at once, in all (Postfix's default_process_limit).");
  public static final ConfigKey<Integer> DELIVERY_CONCURRENCY_PER_DESTINATION =
      new ConfigKey<>(
          "delivery.concurrency-per-destination",
          wholeNumber(1),
          "20",
          "Deliveries in flight at once to one recipient domain (Postfix's"
              + " default_destination_concurrency_limit).");
  public static final ConfigKey<Duration> DELIVERY_DELAY_WARNING =
      new ConfigKey<>(
          "delivery.delay-warning",
          durationOrOff(),
          "4h",
          "Tell the sender once (RFC 3464 delayed) when a message is still deferred after this"
              + " long; 0 never warns.");
  public static final ConfigKey<Duration> DELIVERY_CONNECTION_CACHE_TIME =
      new ConfigKey<>(
          "delivery.connection-cache-time",
          durationOrOff(),
          "2s",
          "How long a connection that delivered a message waits for the next one to the same host"
              + " and TLS requirement; 0 gives every message its own connection.");
  public static final ConfigKey<Duration> DELIVERY_CONNECT_TIMEOUT =
      new ConfigKey<>(
          "delivery.connect-timeout",
          duration(),
          "30s",
          "How long to wait for a TCP connection to a next-hop host (Postfix's smtp_connect_timeout).");
  public static final ConfigKey<Duration> DELIVERY_GREETING_TIMEOUT =
      new ConfigKey<>(
          "delivery.greeting-timeout",
          duration(),
          "5m",
          "How long to wait for a next-hop host's 220 greeting (RFC 5321 4.5.3.2.1).");
  public static final ConfigKey<Duration> DELIVERY_COMMAND_TIMEOUT =
      new ConfigKey<>(
          "delivery.command-timeout",
          duration(),
          "5m",
          "How long to wait for the reply to EHLO, STARTTLS, MAIL, RCPT, DATA, RSET or QUIT (RFC"
              + " 5321 4.5.3.2).");
  public static final ConfigKey<Duration> DELIVERY_TLS_HANDSHAKE_TIMEOUT =
      new ConfigKey<>(
          "delivery.tls-handshake-timeout",
          duration(),
          "2m",
          "How long the TLS handshake after STARTTLS may take.");
  public static final ConfigKey<Duration> DELIVERY_DATA_BLOCK_TIMEOUT =
      new ConfigKey<>(
          "delivery.data-block-timeout",
          duration(),
          "3m",
          "Longest wait without progress while sending a message's content (RFC 5321 4.5.3.2.5).");
  public static final ConfigKey<Duration> DELIVERY_DATA_END_TIMEOUT =
      new ConfigKey<>(
          "delivery.data-end-timeout",
          duration(),
          "10m",
          "How long to wait for the reply to the final dot (RFC 5321 4.5.3.2.6).");

  private static final List<ConfigKey<?>> ALL =
      List.of(
          SMTPD_LISTEN,
          SMTPD_SUBMISSION_LISTEN,
          SMTPD_HOSTNAME,
          SMTPD_TLS_CERT,
          SMTPD_TLS_KEY,
          SMTPD_TLS_PROTOCOLS,
          SMTPD_AUTH_USERS,
          SMTPD_AUTH_ON_PORT_25,
          SMTPD_AUTH_MAX_FAILURES,
          SMTPD_AUTH_FAILURE_DELAY,
          SMTPD_AUTH_MAX_FAILURES_PER_CLIENT,
          SMTPD_AUTH_CLIENT_WINDOW,
          SMTPD_MAX_MESSAGE_SIZE,
          SMTPD_MIN_FREE_SPACE,
          SMTPD_MAX_RECIPIENTS,
          SMTPD_MAX_LINE_LENGTH,
          SMTPD_MAX_CONNECTIONS,
          SMTPD_MAX_CONNECTIONS_PER_CLIENT,
          SMTPD_IDLE_TIMEOUT,
          SMTPD_STRESS_TIMEOUT,
          SMTPD_MIN_DATA_RATE,
          SMTPD_SOFT_ERROR_LIMIT,
          SMTPD_HARD_ERROR_LIMIT,
          SMTPD_ERROR_SLEEP_TIME,
          SMTPD_JUNK_COMMAND_LIMIT,
          SMTPD_SESSION_TIMEOUT,
          SMTPD_RESOLVE_CLIENT_NAMES,
          RELAY_NETWORKS,
          SMTPD_PROXY_PROTOCOL_FROM,
          LOCAL_DOMAINS,
          LOCAL_FORWARD,
          LOCAL_RECIPIENTS,
          LOCAL_VERIFY_TIMEOUT,
          LOCAL_VERIFY_POSITIVE_REFRESH,
          LOCAL_VERIFY_POSITIVE_EXPIRE,
          LOCAL_VERIFY_NEGATIVE_EXPIRE,
          LOCAL_VERIFY_CACHE_SIZE,
          DATA_DIR,
          QUEUE_URL,
          NODE_NAME,
          QUEUE_LEASE,
          LOG_LEVEL,
          LOG_FILE,
          ADMIN_LISTEN,
          DNS_RESOLVERS,
          DNS_DNSSEC,
          DNS_TRUST_ANCHORS,
          DNS_TIMEOUT,
          TLS_POLICY,
          TLS_POLICY_MAP,
          DELIVERY_PORT,
          MTA_STS_ENABLED,
          MTA_STS_TRUST_STORE,
          MTA_STS_PORT,
          TLSRPT_ENABLED,
          TLSRPT_ORGANIZATION,
          TLSRPT_CONTACT,
          TLSRPT_DKIM_KEY,
          TLSRPT_DKIM_SELECTOR,
          DELIVERY_ROUTES,
          DELIVERY_HOLD,
          RETRY_SCHEDULE,
          QUEUE_LIFETIME,
          DELIVERY_CONCURRENCY,
          DELIVERY_CONCURRENCY_PER_DESTINATION,
          DELIVERY_DELAY_WARNING,
          DELIVERY_CONNECTION_CACHE_TIME,
          DELIVERY_CONNECT_TIMEOUT,
          DELIVERY_GREETING_TIMEOUT,
          DELIVERY_COMMAND_TIMEOUT,
          DELIVERY_TLS_HANDSHAKE_TIMEOUT,
          DELIVERY_DATA_BLOCK_TIMEOUT,
          DELIVERY_DATA_END_TIMEOUT);

  private final String name;
  private final ValueParser<T> parser;
  private final String defaultText;
  private final String doc;

  private ConfigKey(String name, ValueParser<T> parser, String defaultText, String doc) {
    this.name = name;
    this.parser = parser;
    this.defaultText = defaultText;
    this.doc = doc;
  }

  /** Every key, in the order of the documented config file. */
  public static List<ConfigKey<?>> all() {
    return ALL;
  }

  /** The key spelt exactly {@code name}, if there is one. */
  public static Optional<ConfigKey<?>> byName(String name) {
    return ALL.stream().filter(key -> key.name.equals(name)).findFirst();
  }

  public String name() {
    return name;
  }

  /** The default as it would be written in the file; empty text means "not set". */
  public String defaultText() {
    return defaultText;
  }

  /** One sentence saying what the key is for. */
  public String doc() {
    return doc;
  }

  /** The value type in words, such as {@code list of host:port}. */
  public String typeDescription() {
    return parser.description();
  }

  ValueParser<T> parser() {
    return parser;
  }

  @Override
  public String toString() {
    return name;
  }
}
