/**
 * The ENet 1.3 wire format: a datagram is a {@link io.lumen.enet.wire.ProtocolHeader} and one or more
 * {@link io.lumen.enet.wire.Command}s, all big-endian, no checksum. {@link io.lumen.enet.wire.WireDecoder} checks
 * structure only (sizes, command numbers); what a command means for a connection is the state machine's business.
 * Internal to lumen-enet.
 */
package io.lumen.enet.wire;
