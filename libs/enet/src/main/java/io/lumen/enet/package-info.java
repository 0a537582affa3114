/**
 * A pure-Java ENet 1.3, wire-compatible with cgutman/enet (the fork Moonlight and Sunshine use for the control stream
 * on UDP 47999).
 *
 * <ul>
 *   <li>{@link io.lumen.enet.EnetHost} — a UDP socket and one service thread; {@code open}, {@code connect},
 *       {@code stats}, {@code close}.</li>
 *   <li>{@link io.lumen.enet.EnetListener} — connected (with the CONNECT's 32-bit data), received, disconnected.</li>
 *   <li>{@link io.lumen.enet.EnetPeer} — one connection: {@code send(channel, packet, Delivery)}, {@code disconnect},
 *       {@code disconnectNow}, round-trip time and counters.</li>
 *   <li>{@link io.lumen.enet.EnetOptions} — peers, MTU, ping interval, ENet's timeout triple; defaults are cgutman/enet's
 *       with Moonlight's 10 s peer timeout.</li>
 *   <li>{@link io.lumen.enet.EnetProtocol} — the state machine alone: datagrams in, datagrams out, caller's clock.</li>
 * </ul>
 *
 * What it implements: the handshake with session ids, per-channel reliable sequencing with ENet's windows,
 * acknowledgements echoing the sender's clock, retransmission on ENet's RTT estimate and its timeout rules, pings when
 * idle, unreliable and unsequenced delivery, fragmentation and reassembly (reliable and unreliable fragments),
 * graceful and immediate disconnects, BANDWIDTH_LIMIT announcements. What it leaves out: compression and checksums
 * (never negotiated), ENet's random dropping of unreliable packets under its throttle, and address roaming (a peer's
 * datagrams must come from the address it connected from).
 */
package io.lumen.enet;
