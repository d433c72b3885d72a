/**
 * The monitor of one's own inbound DANE ({@code danerelay dane check}): what every MX host, address
 * and served key looks like to a DANE sender, judged check by check (the internet.nl how-to's
 * monitoring advice; RFC 7672, RFC 7671 8). Reads DNS through {@link
 * org.danerelay.dane.dns.DnsLookup} and asks a {@link org.danerelay.dane.monitor.Prober} for each
 * server's chain; opens no socket itself.
 *
 * <p>Entry point: {@link org.danerelay.dane.monitor.DaneCheck}; its answer is a {@link
 * org.danerelay.dane.monitor.CheckReport}. The checks and how bad each failure is are one table:
 * {@link org.danerelay.dane.monitor.Check}.
 */
package org.danerelay.dane.monitor;
