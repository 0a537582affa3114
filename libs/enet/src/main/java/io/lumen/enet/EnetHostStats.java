package io.lumen.enet;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of one host since it opened.
 *
 * @param dropped             discarded datagrams by reason; every reason is present
 * @param sendErrors          datagrams the socket refused
 * @param heldBytes           bytes charged now for packets held back (out of order, half reassembled), all peers
 * @param evictedReassemblies unreliable packets given up to make room within the reassembly budget
 * @param expiredHandshakes   CONNECTs answered but never acknowledged whose slot was freed (timed out or taken over)
 */
public record EnetHostStats(long datagramsReceived, long bytesReceived, long datagramsSent, long bytesSent, long sendErrors,
                            Map<DropReason, Long> dropped, long heldBytes, long evictedReassemblies, long expiredHandshakes) {

    public EnetHostStats {
        EnumMap<DropReason, Long> all = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            all.put(reason, dropped.getOrDefault(reason, 0L));
        }
        dropped = Map.copyOf(all);
    }

    public long dropped(DropReason reason) {
        return dropped.get(reason);
    }

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }
}
