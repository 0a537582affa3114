/**
 * A pure-Java ENet 1.3, wire-compatible with cgutman/enet (the fork Moonlight and Sunshine use for the control stream
 * on UDP 47999).
 *
 * <ul>
 *   <li>{@link io.lumen.enet.EnetHost} — a UDP socket and one service thread; {@code open}, {@code connect},
 *       {@code stats}, {@code close}.</li>
 *   <li>{@link io.lumen.enet.EnetListener} — admits (a CONNECT's 32-bit data, before a slot), connected, received,
 *       disconnected.</li>
 *   <li>{@link io.lumen.enet.EnetPeer} — one connection: {@code send(channel, packet, Delivery)}, {@code disconnect},
 *       {@code disconnectNow}, round-trip time and counters.</li>
 *   <li>{@link io.lumen.enet.EnetOptions} — peers, MTU, ping interval, ENet's timeout triple, the reassembly budget and
 *       the handshake timeout; defaults are cgutman/enet's with Moonlight's 10 s peer timeout.</li>
 *   <li>{@link io.lumen.enet.EnetProtocol} — the state machine alone: datagrams in, datagrams out, caller's clock.</li>
 * </ul>
 *
 * What it implements: the handshake with session ids, per-channel reliable sequencing with ENet's windows,
 * acknowledgements echoing the sender's clock, retransmission on ENet's RTT estimate and its timeout rules, pings when
 * idle, unreliable and unsequenced delivery, fragmentation and reassembly (reliable and unreliable fragments),
 * graceful and immediate disconnects, BANDWIDTH_LIMIT announcements. What it leaves out: compression and checksums
 * (never negotiated), ENet's random dropping of unreliable packets under its throttle, and address roaming (a peer's
 * datagrams must come from the address it connected from).
 *
 * <h2>What a stranger can make a host hold (the budget)</h2>
 * <ul>
 *   <li>Before a slot: {@link io.lumen.enet.EnetListener#admits} (or the {@link io.lumen.enet.ConnectAdmission} given
 *       to {@link io.lumen.enet.EnetProtocol}) sees every CONNECT's data first. A refused CONNECT gets no slot and no
 *       VERIFY_CONNECT, and the rest of its datagram is not looked at ({@code CONNECT_DENIED}). Datagrams for a peer id
 *       without a connection ({@code UNKNOWN_PEER}), from another address ({@code FOREIGN_ADDRESS}) or with data before
 *       the handshake completed ({@code REJECTED}) are decoded, counted and forgotten: a stranger costs one datagram's
 *       decoding (at most 4 KiB, short-lived), nothing that stays.</li>
 *   <li>Half-open connections: a CONNECT that was answered but never acknowledged (a spoofed source) gives its slot up
 *       after {@code handshakeTimeout} (3 s), and sooner when every slot is taken and another admitted CONNECT arrives:
 *       the oldest half-open one older than a first retransmission (500 ms) makes room ({@code expiredHandshakes}).</li>
 *   <li>After the handshake: a connected peer's out-of-order and half-reassembled packets are charged their bytes plus
 *       64 bytes of bookkeeping each (fragments alike, each one as it arrives: a reassembly allocates the packet only
 *       once its last fragment is in). A fragment must agree with ENet's own cutting ({@code count = ceil(total /
 *       size)}, piece {@code n} at {@code n * size}) and with its packet's other fragments, or it is dropped
 *       ({@code FRAGMENT_MISMATCH}); so a 65-byte fragment claiming a 1 MiB packet in 2^20 pieces costs nothing, and
 *       a consistent one costs what it carries plus 128 bytes. {@code maxWaitingData} per peer (default 4 MiB) and
 *       {@code maxHostWaitingData} for all peers (default 16 MiB) bound the sum; past either, the peer's oldest
 *       unreliable packet goes ({@code evictedReassemblies}) and reliable data is refused unacknowledged
 *       ({@code OVER_BUDGET}; its sender repeats it), never another peer's data. {@link io.lumen.enet.EnetHostStats#heldBytes}
 *       is the host's current charge.</li>
 * </ul>
 * The Moonlight control port (protocol-moonlight's {@code ControlEndpoint}) admits only its launch's connect data and
 * only while no client is connected, takes packets of at most 64 KiB and holds at most 256 KiB a peer, 1 MiB in all.
 * {@code tools/control-flood/run} measures a streaming host's heap under a flood against that budget.
 */
package io.lumen.enet;
