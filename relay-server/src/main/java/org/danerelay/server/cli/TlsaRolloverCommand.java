package org.danerelay.server.cli;

import picocli.CommandLine.Command;

/**
 * {@code danerelay tlsa rollover}: replaces the listener's key without a moment in which a DANE
 * client's cached TLSA records fail to match it (RFC 7671 8.1, the internet.nl how-to).
 */
@Command(
    name = "rollover",
    mixinStandardHelpOptions = true,
    description = {
      "Roll the listener's key over without breaking DANE (RFC 7671 8.1):",
      "  init     make the next key and print the records to publish now;",
      "  status   check every authoritative name server for them, and since when;",
      "  promote  install a certificate for the next key once that is safe, and reload."
    },
    subcommands = {
      RolloverInitCommand.class,
      RolloverStatusCommand.class,
      RolloverPromoteCommand.class
    })
final class TlsaRolloverCommand {}
