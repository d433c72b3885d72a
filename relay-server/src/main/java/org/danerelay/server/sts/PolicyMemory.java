package org.danerelay.server.sts;

import java.util.Optional;
import org.danerelay.queue.StoredStsPolicy;
import org.danerelay.queue.StsPolicyStore;

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

  /** The queue's {@link StsPolicyStore}. */
  static PolicyMemory of(StsPolicyStore store) {
    return new PolicyMemory() {
      @Override
      public Optional<StoredStsPolicy> find(String domain) {
        return store.find(domain);
      }

      @Override
      public void save(StoredStsPolicy policy) {
        store.save(policy);
      }
    };
  }
}
