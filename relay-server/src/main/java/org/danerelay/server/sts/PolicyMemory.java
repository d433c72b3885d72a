package org.danerelay.server.sts;

import java.util.Map;
import java.util.Optional;
import org.danerelay.queue.StoredStsPolicy;
import org.danerelay.queue.StsPolicyStore;
import org.danerelay.server.verify.LruMap;

/**
 * Where fetched MTA-STS policies are remembered: the queue database for the relay (kept across
 * restarts and shared by nodes), nothing for a one-off {@code dane lookup}.
 */
public interface PolicyMemory {

  /** Remembers nothing: every question fetches. */
  PolicyMemory NONE =
      new PolicyMemory() {
        @Override
        public Optional<StoredStsPolicy> find(String domain) {
          return Optional.empty();
        }

        @Override
        public void save(StoredStsPolicy policy) {}
      };

  /** The remembered policy of {@code domain}, fresh or not. */
  Optional<StoredStsPolicy> find(String domain);

  /** Remembers {@code policy} in place of the domain's earlier one. */
  void save(StoredStsPolicy policy);

  /**
   * The queue's {@link StsPolicyStore}, with the last 10,000 domains asked for remembered in
   * memory, so that a delivery reads the database only for a domain it has not seen since start.
   * Another node's newer copy is seen at this node's own next fetch.
   */
  static PolicyMemory of(StsPolicyStore store) {
    Map<String, Optional<StoredStsPolicy>> recent = new LruMap<>(10_000);
    return new PolicyMemory() {
      @Override
      public Optional<StoredStsPolicy> find(String domain) {
        synchronized (recent) {
          Optional<StoredStsPolicy> known = recent.get(domain);
          if (known != null) {
            return known;
          }
        }
        Optional<StoredStsPolicy> found = store.find(domain);
        synchronized (recent) {
          recent.put(domain, found);
        }
        return found;
      }

      @Override
      public void save(StoredStsPolicy policy) {
        store.save(policy);
        synchronized (recent) {
          recent.put(policy.domain(), Optional.of(policy));
        }
      }
    };
  }
}
