package org.danerelay.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every value type rejects bad text with {@code file:line: key: reason}. */
class BadValueTest {

  @TempDir Path dir;

  static Stream<Arguments> badValues() {
    return Stream.of(
        argumentSet("whole number: letters", "smtpd.max-recipients", "abc", "not a whole number"),
        argumentSet("whole number: fraction", "smtpd.max-connections", "1.5", "not a whole number"),
        argumentSet(
            "whole number: zero recipients", "smtpd.max-recipients", "0", "must be at least 1"),
        argumentSet(
            "whole number: RFC 5321 4.5.3.1.4 needs 512-octet command lines",
            "smtpd.max-line-length",
            "511",
            "must be at least 512"),
        argumentSet(
            "whole number: beyond int",
            "smtpd.max-connections",
            "99999999999",
            "too large (at most 2147483647)"),
        argumentSet(
            "size: unknown suffix",
            "smtpd.max-message-size",
            "50MB",
            "not a size: '50MB' (a whole number of bytes, or with K, M or G)"),
        argumentSet("size: zero", "smtpd.max-message-size", "0", "must be at least 1 byte"),
        argumentSet(
            "size: overflow",
            "smtpd.max-message-size",
            "99999999999G",
            "size too large: '99999999999G'"),
        argumentSet(
            "duration: words",
            "smtpd.idle-timeout",
            "5 minutes",
            "not a duration: '5 minutes' (a whole number with ms, s, m, h or d)"),
        argumentSet("duration: zero", "smtpd.session-timeout", "0s", "must be longer than zero"),
        argumentSet(
            "boolean: maybe", "smtpd.resolve-client-names", "maybe", "not true, false, yes or no"),
        argumentSet(
            "host:port: a name would need DNS",
            "smtpd.listen",
            "localhost:25",
            "host must be an IP address, not a name: 'localhost:25'"),
        argumentSet(
            "host:port: IPv6 without brackets",
            "smtpd.listen",
            "::1:25",
            "IPv6 addresses need brackets, as in [::1]:25 (got '::1:25')"),
        argumentSet(
            "host:port: no port",
            "smtpd.submission.listen",
            "127.0.0.1",
            "missing port in '127.0.0.1' (expected host:port)"),
        argumentSet(
            "host:port: port too large",
            "local.forward",
            "192.0.2.1:70000",
            "bad port in '192.0.2.1:70000' (0 to 65535)"),
        argumentSet(
            "host:port: forward to port 0",
            "local.forward",
            "192.0.2.1:0",
            "port 0 is only for listeners"),
        argumentSet(
            "list: stray comma",
            "smtpd.listen",
            "127.0.0.1:25,",
            "empty item in list (a stray comma?)"),
        argumentSet(
            "CIDR: prefix too long",
            "relay.networks",
            "10.0.0.0/33",
            "prefix length out of range in '10.0.0.0/33'"),
        argumentSet(
            "CIDR: /0 is an open relay",
            "relay.networks",
            "127.0.0.0/8, 0.0.0.0/0",
            "a /0 network lets every client relay anywhere (an open relay); list real networks"),
        argumentSet(
            "DNS name: underscore",
            "local.domains",
            "ex_ample.org",
            "not a DNS name: 'ex_ample.org' (letters, digits and inner hyphens only)"),
        argumentSet(
            "DNS name: RFC 3696 2 all-numeric top label",
            "smtpd.hostname",
            "192.0.2.1",
            "not a DNS name: '192.0.2.1' (looks like an address)"),
        argumentSet(
            "TLS protocol: RFC 8996 deprecates TLSv1.1",
            "smtpd.tls.protocols",
            "TLSv1.3, TLSv1.1",
            "unsupported TLS protocol 'TLSv1.1' (use TLSv1.3, TLSv1.2)"),
        argumentSet(
            "TLS protocol: none at all", "smtpd.tls.protocols", "", "name at least one protocol"),
        argumentSet(
            "log level: unknown",
            "log.level",
            "verbose",
            "not a log level: 'verbose' (use error, warn, info, debug)"),
        argumentSet(
            "JDBC URL: missing scheme",
            "queue.url",
            "h2:file:/tmp/q",
            "not a queue database URL: 'h2:file:/tmp/q' (must start jdbc:h2: or jdbc:postgresql:)"),
        argumentSet(
            "JDBC URL: a database the queue does not speak",
            "queue.url",
            "jdbc:mysql://db/queue",
            "not a queue database URL: 'jdbc:mysql://db/queue' (must start jdbc:h2: or"
                + " jdbc:postgresql:)"),
        argumentSet("queue lease: too short to renew", "queue.lease", "2s", "must be at least 4s"),
        argumentSet("path: data.dir must be set", "data.dir", "", "must not be empty"));
  }

  @ParameterizedTest
  @MethodSource("badValues")
  void rejectsBadValueWithFileLineKeyAndReason(String key, String value, String reason) {
    Path file = ConfigFiles.write(dir, "# first line is a comment", key + " = " + value);

    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));

    assertEquals(file + ":2: " + key + ": " + reason, e.getMessage());
  }
}
