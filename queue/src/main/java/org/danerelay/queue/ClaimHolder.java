package org.danerelay.queue;

import java.util.Objects;

/**
 * Who holds a claim on a recipient: a node ({@code node.name}) and one incarnation of it, a fresh
 * id for every start of the relay.
 *
 * <p>A relay that starts knows that every earlier incarnation of its own node is gone, so it takes
 * their claims back at once instead of waiting for their leases to run out (ADR 0006). Claims of
 * other nodes sharing the database stay with their lease.
 *
 * @param node the node's name, as configured; at most 255 characters
 * @param incarnation this start's id: a queue id, so incarnations sort by start time
 */
public record ClaimHolder(String node, String incarnation) {

  /** Rejects a blank or overlong node name and an incarnation that is not a queue id. */
  public ClaimHolder {
    Objects.requireNonNull(node, "node");
    if (node.isBlank() || node.length() > 255) {
      throw new IllegalArgumentException("node name must have 1 to 255 characters: " + node);
    }
    QueueId.requireValid(incarnation);
  }

  @Override
  public String toString() {
    return node + "/" + incarnation;
  }
}
