/**
 * The delivery decision before any socket opens (RFC 7672 2.2, Postfix's {@code smtp_tls_policy}):
 * which hosts and addresses to try, in which order, and what TLS each must achieve. Pure decisions
 * over a {@link org.danerelay.dane.dns.DnsLookup}; no sockets, no SMTP, no queue.
 *
 * <p>Entry point: {@link org.danerelay.dane.policy.DeliveryPlanner}; its answer is a {@link
 * org.danerelay.dane.policy.DeliveryPlan}, printable with {@link
 * org.danerelay.dane.policy.PlanDescription}.
 */
package org.danerelay.dane.policy;
