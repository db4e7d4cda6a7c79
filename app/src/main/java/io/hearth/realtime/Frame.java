package io.hearth.realtime;

/**
 * A frame the server sends on the real-time socket: a JSON object whose {@code type} names it. Every implementation
 * is a record documented in docs/realtime.md, field by field (RealtimeContractsTest holds the two together).
 */
public interface Frame {

    String type();
}
