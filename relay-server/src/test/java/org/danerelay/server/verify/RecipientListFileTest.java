package org.danerelay.server.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.danerelay.server.access.Mailbox;
import org.danerelay.server.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The local.recipients file: which lines it takes, and the file:line of every bad one. */
class RecipientListFileTest {

  private static final Set<String> LOCAL = Set.of("local.test", "other.test");

  @TempDir Path dir;

  @Test
  void takesListedAddressesAnyCaseAndWholeDomainsAndNothingElse() throws Exception {
    RecipientListFile file = load("# comment\n  alice@local.test  \n\n@other.test\n");

    assertInstanceOf(
        RecipientVerdict.Exists.class, file.lookUp(new Mailbox("alice", "local.test")));
    assertInstanceOf(
        RecipientVerdict.Exists.class, file.lookUp(new Mailbox("ALICE", "local.test")));
    assertInstanceOf(RecipientVerdict.Exists.class, file.lookUp(new Mailbox("x", "other.test")));
    assertInstanceOf(RecipientVerdict.Unknown.class, file.lookUp(new Mailbox("bob", "local.test")));
  }

  @ParameterizedTest
  @MethodSource
  void refusesABadLineNamingFileAndLine(String line, String reason) throws Exception {
    Path path = dir.resolve("recipients");
    Files.writeString(path, "alice@local.test\n" + line + "\n");

    ConfigException e =
        assertThrows(ConfigException.class, () -> RecipientListFile.load(path, LOCAL));

    assertEquals(path + ":2: " + reason, e.getMessage());
  }

  static Stream<Arguments> refusesABadLineNamingFileAndLine() {
    return Stream.of(
        argumentSet(
            "two addresses on a line",
            "a@local.test b@local.test",
            "expected one address or @domain, got 'a@local.test b@local.test'"),
        argumentSet(
            "angle brackets",
            "<a@local.test>",
            "expected one address or @domain, got '<a@local.test>'"),
        argumentSet("no domain", "alice", "not an address: 'alice' (Bad recipient address syntax)"),
        argumentSet(
            "RFC 1123 5.2.16: percent hack",
            "a%b@local.test",
            "not an address: 'a%b@local.test' (Percent hack / bang path addresses are not"
                + " accepted)"),
        argumentSet(
            "domain not local",
            "a@elsewhere.test",
            "elsewhere.test is not in local.domains, so this line could never match"),
        argumentSet(
            "wildcard for a domain not local",
            "@elsewhere.test",
            "elsewhere.test is not in local.domains, so this line could never match"),
        argumentSet(
            "control character escaped in the message",
            "a\u0007b@local.test",
            "not an address: 'a\\x07b@local.test' (Bad recipient address syntax)"));
  }

  private RecipientListFile load(String text) throws Exception {
    Path path = dir.resolve("recipients");
    Files.writeString(path, text);
    return RecipientListFile.load(path, LOCAL);
  }
}
