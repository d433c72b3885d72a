package org.danerelay.server.cli;

import picocli.CommandLine.Command;

/**
 * {@code danerelay dane}: what delivery would do for a destination, and how one's own inbound DANE
 * looks to senders; neither sends mail.
 */
@Command(
    name = "dane",
    mixinStandardHelpOptions = true,
    description = "Inspect DANE for a destination; monitor your own.",
    subcommands = {DaneLookupCommand.class, DaneCheckCommand.class})
final class DaneCommand {}
