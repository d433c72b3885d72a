package org.danerelay.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.danerelay.server.smtp.wire.ErrorLimits;

/**
 * The relay's validated configuration, parsed once at start-up and never changed after.
 *
 * <p>Each component is the key of the same name in {@code conf/relay.conf} (see {@link ConfigKey});
 * every path is absolute, already resolved against the config file's folder.
 *
 * @param configFile the absolute path of the file this came from
 * @param smtpdListen {@code smtpd.listen}: STARTTLS offered, optional
 * @param submissionListen {@code smtpd.submission.listen}: STARTTLS required before MAIL, AUTH
 * @param adminListen {@code admin.listen}: HTTP for /metrics and /health; empty means none
 * @param hostname {@code smtpd.hostname}, or the system host name when that is empty
 * @param tlsCert {@code smtpd.tls.cert}; present exactly when {@code tlsKey} is
 * @param tlsKey {@code smtpd.tls.key}
 * @param tlsProtocols {@code smtpd.tls.protocols}, in order of preference
 * @param authUsers {@code smtpd.auth.users}; empty means no AUTH
 * @param auth where AUTH is offered and how failed attempts are limited ({@code smtpd.auth.*})
 * @param maxMessageSize {@code smtpd.max-message-size} in bytes
 * @param minFreeSpace {@code smtpd.min-free-space} in bytes
 * @param maxRecipients {@code smtpd.max-recipients}
 * @param maxLineLength {@code smtpd.max-line-length} in octets without CRLF
 * @param maxConnections {@code smtpd.max-connections}
 * @param maxConnectionsPerClient {@code smtpd.max-connections-per-client}
 * @param idleTimeout {@code smtpd.idle-timeout}
 * @param sessionTimeout {@code smtpd.session-timeout}
 * @param stressTimeout {@code smtpd.stress-timeout}
 * @param minDataRate {@code smtpd.min-data-rate} in octets per second
 * @param errorLimits {@code smtpd.soft-error-limit}, {@code smtpd.hard-error-limit}, {@code
 *     smtpd.error-sleep-time} and {@code smtpd.junk-command-limit}
 * @param resolveClientNames {@code smtpd.resolve-client-names}
 * @param proxyProtocolFrom {@code smtpd.proxy-protocol.from}
 * @param relayNetworks {@code relay.networks}
 * @param localDomains {@code local.domains}, lower case, without trailing dots
 * @param localForward {@code local.forward}; present whenever {@code localDomains} is not empty
 * @param recipientVerify {@code local.recipients} and the {@code local.verify.*} keys
 * @param dataDir {@code data.dir}
 * @param queueUrl {@code queue.url}; empty means an H2 file database inside {@code dataDir}
 * @param nodeName {@code node.name}, or the system host name when that is empty
 * @param queueLease {@code queue.lease}: how long a claim on a shared queue lasts unrenewed
 * @param logLevel {@code log.level}
 * @param logFile {@code log.file}; empty means standard output only
 * @param dns the {@code dns.*} keys
 * @param tlsPolicy {@code tls.policy}, {@code tls.policy.map} and {@code delivery.port}
 * @param delivery {@code delivery.hold}, {@code retry.schedule}, {@code queue.lifetime} and the
 *     concurrency limits
 */
public record RelayConfig(
    Path configFile,
    List<HostPort> smtpdListen,
    List<HostPort> submissionListen,
    Optional<HostPort> adminListen,
    String hostname,
    Optional<Path> tlsCert,
    Optional<Path> tlsKey,
    List<String> tlsProtocols,
    Optional<Path> authUsers,
    AuthConfig auth,
    long maxMessageSize,
    long minFreeSpace,
    int maxRecipients,
    int maxLineLength,
    int maxConnections,
    int maxConnectionsPerClient,
    Duration idleTimeout,
    Duration sessionTimeout,
    Duration stressTimeout,
    int minDataRate,
    ErrorLimits errorLimits,
    boolean resolveClientNames,
    List<Cidr> proxyProtocolFrom,
    List<Cidr> relayNetworks,
    Set<String> localDomains,
    Optional<HostPort> localForward,
    RecipientVerifyConfig recipientVerify,
    Path dataDir,
    Optional<String> queueUrl,
    String nodeName,
    Duration queueLease,
    LogLevel logLevel,
    Optional<Path> logFile,
    DnsConfig dns,
    TlsPolicyConfig tlsPolicy,
    DeliveryConfig delivery) {

  /** Copies the collections and checks what the parser guarantees, for hand-built configs. */
  public RelayConfig {
    requireAbsolute(configFile, "configFile");
    smtpdListen = List.copyOf(smtpdListen);
    submissionListen = List.copyOf(submissionListen);
    Objects.requireNonNull(adminListen, "adminListen");
    Objects.requireNonNull(hostname, "hostname");
    tlsCert.ifPresent(path -> requireAbsolute(path, "tlsCert"));
    tlsKey.ifPresent(path -> requireAbsolute(path, "tlsKey"));
    if (tlsCert.isPresent() != tlsKey.isPresent()) {
      throw new IllegalArgumentException("tlsCert and tlsKey must be both present or both empty");
    }
    tlsProtocols = List.copyOf(tlsProtocols);
    authUsers.ifPresent(path -> requireAbsolute(path, "authUsers"));
    Objects.requireNonNull(auth, "auth");
    if (maxMessageSize < 1
        || maxRecipients < 1
        || maxLineLength < 1
        || maxConnections < 1
        || maxConnectionsPerClient < 1
        || minDataRate < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(sessionTimeout, "sessionTimeout");
    Objects.requireNonNull(stressTimeout, "stressTimeout");
    Objects.requireNonNull(errorLimits, "errorLimits");
    relayNetworks = List.copyOf(relayNetworks);
    proxyProtocolFrom = List.copyOf(proxyProtocolFrom);
    // Keeps the written order for logs and messages; equality is still plain set equality.
    localDomains = Collections.unmodifiableSet(new LinkedHashSet<>(localDomains));
    Objects.requireNonNull(localForward, "localForward");
    if (!localDomains.isEmpty() && localForward.isEmpty()) {
      throw new IllegalArgumentException("localDomains need a localForward");
    }
    Objects.requireNonNull(recipientVerify, "recipientVerify");
    requireAbsolute(dataDir, "dataDir");
    Objects.requireNonNull(queueUrl, "queueUrl");
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(queueLease, "queueLease");
    Objects.requireNonNull(logLevel, "logLevel");
    logFile.ifPresent(path -> requireAbsolute(path, "logFile"));
    Objects.requireNonNull(dns, "dns");
    Objects.requireNonNull(tlsPolicy, "tlsPolicy");
    Objects.requireNonNull(delivery, "delivery");
  }

  private static void requireAbsolute(Path path, String name) {
    if (!Objects.requireNonNull(path, name).isAbsolute()) {
      throw new IllegalArgumentException(name + " must be an absolute path: " + path);
    }
  }
}
