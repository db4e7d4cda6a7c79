package io.hearth.realtime.api;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The socket's vocabulary: the frames a client sends, the error codes and the close codes (all in docs/realtime.md). */
public final class RealtimeProtocol {

    static final int UNAUTHORIZED = 4401;
    static final int TOO_SLOW = 4408;
    static final int GOING_AWAY = 1001;
    static final int TRY_AGAIN_LATER = 1013;

    /** What a client may send. */
    enum ClientType {
        AUTH("auth"), RECOVER("recover"), WATCH("watch"), UNWATCH("unwatch"), TYPING("typing"), PRESENCE("presence"),
        PRESENCE_WATCH("presence.watch"), PING("ping");

        final String wire;

        ClientType(String wire) {
            this.wire = wire;
        }

        static Optional<ClientType> of(String wire) {
            return Arrays.stream(values()).filter(type -> type.wire.equals(wire)).findFirst();
        }
    }

    private RealtimeProtocol() {
    }

    public static List<String> clientTypes() {
        return Arrays.stream(ClientType.values()).map(type -> type.wire).toList();
    }

    /** Every field a client frame may carry. */
    public static List<String> clientFields() {
        return Stream.concat(Arrays.stream(Incoming.class.getRecordComponents()), Arrays.stream(Incoming.Cursor.class.getRecordComponents()))
                .map(RecordComponent::getName).filter(name -> !name.equals("type")).distinct().toList();
    }

    public static List<String> errorCodes() {
        return Arrays.stream(FrameError.values()).map(Enum::name).toList();
    }

    public static List<Integer> closeCodes() {
        return List.of(UNAUTHORIZED, TOO_SLOW, GOING_AWAY, TRY_AGAIN_LATER);
    }
}
