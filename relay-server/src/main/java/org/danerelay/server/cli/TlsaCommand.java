package org.danerelay.server.cli;

import picocli.CommandLine.Command;

/** {@code danerelay tlsa}: make TLSA records for one's own servers, and check them before use. */
@Command(
    name = "tlsa",
    mixinStandardHelpOptions = true,
    description = "Generate and verify TLSA records (RFC 6698, RFC 7671).",
    subcommands = {TlsaGenerateCommand.class, TlsaVerifyCommand.class, TlsaRolloverCommand.class})
final class TlsaCommand {}
