package org.danerelay.server.cli;

import picocli.CommandLine.Command;

/** {@code danerelay dane}: what delivery would do for a destination, without sending mail. */
@Command(
    name = "dane",
    mixinStandardHelpOptions = true,
    description = "Inspect DANE for a destination.",
    subcommands = {DaneLookupCommand.class})
final class DaneCommand {}
