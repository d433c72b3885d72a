/**
 * Asks the authoritative name servers of a zone directly, each address in turn, so that an operator
 * learns whether every server publishes the same records before resolvers' caches mix old and new
 * (the how-to's monitoring advice; RFC 7671 8.1 for rollovers). A survey reports what each server
 * said; it does not validate DNSSEC, which the recursive lookups do.
 */
package org.danerelay.dane.authority;
