/**
 * MTA-STS (RFC 8461) as values and pure decisions: the {@code _mta-sts} TXT record, the policy
 * text, its {@code mx} patterns, and which policy applies when a fresh one cannot be had. Fetching
 * over HTTPS and caching belong to the relay; nothing here opens a socket.
 */
package org.danerelay.dane.sts;
