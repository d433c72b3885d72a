/**
 * DNSSEC-aware discovery of MX hosts and TLSA records, the RFC 7672 decision, and DANE certificate
 * matching. Knows nothing of SMTP sessions or the queue.
 */
package org.danerelay.dane;
