package io.hearth.realtime;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The frames of the socket itself (the features' frames, such as {@code message}, live with their features). */
public final class Frames {

    private Frames() {
    }

    /**
     * The socket is open and listens: the first frame, sent as soon as it is. A client that signs in by frame sends
     * its {@code auth} after this one (a frame sent earlier can be lost while the connection is being upgraded).
     */
    @Serdeable
    public record Hello(String type, String protocol, int maxFrameBytes) implements Frame {
        public Hello(int maxFrameBytes) {
            this("hello", "hearth.v1", maxFrameBytes);
        }
    }

    /** Signed in: what the socket now acts for, until when, and how often it pings. */
    @Serdeable
    public record Ready(String type, UUID personId, Instant expiresAt, int pingSeconds, int maxFrameBytes) implements Frame {
        public Ready(UUID personId, Instant expiresAt, int pingSeconds, int maxFrameBytes) {
            this("ready", personId, expiresAt, pingSeconds, maxFrameBytes);
        }
    }

    /** One conversation's answer to a {@code recover}. */
    @Serdeable
    public record Recovery(UUID conversationId, boolean recovered, long offset, @Nullable String epoch, @Nullable String reason) {
    }

    /** The answer to a {@code recover}, after the frames it replayed. */
    @Serdeable
    public record Recovered(String type, List<Recovery> conversations) implements Frame {
        public Recovered(List<Recovery> conversations) {
            this("recovered", conversations);
        }
    }

    /** A frame the server could not take, or a subscription it dropped; the socket stays open. */
    @Serdeable
    public record Error(String type, String code, String detail, @Nullable UUID conversationId) implements Frame {
        public Error(String code, String detail, @Nullable UUID conversationId) {
            this("error", code, detail, conversationId);
        }
    }

    @Serdeable
    public record Pong(String type) implements Frame {
        public Pong() {
            this("pong");
        }
    }

    /** Someone is typing in a conversation; show it until {@code expiresInMs} passes without another. */
    @Serdeable
    public record Typing(String type, UUID conversationId, UUID personId, int expiresInMs) implements Frame {
        public Typing(UUID conversationId, UUID personId, int expiresInMs) {
            this("typing", conversationId, personId, expiresInMs);
        }
    }

    /** A watched man's presence: {@code online}, {@code away} or {@code offline}. */
    @Serdeable
    public record Presence(String type, UUID personId, String status) implements Frame {
        public Presence(UUID personId, String status) {
            this("presence", personId, status);
        }
    }

    /** Watching a conversation (for one who reads it without being one of its people) was accepted. */
    @Serdeable
    public record Watching(String type, UUID conversationId, long offset, String epoch) implements Frame {
        public Watching(UUID conversationId, long offset, String epoch) {
            this("watching", conversationId, offset, epoch);
        }
    }
}
