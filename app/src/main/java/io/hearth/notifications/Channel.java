package io.hearth.notifications;

import io.swagger.v3.oas.annotations.media.Schema;

/** Where a notification reaches a man: the app (its notification centre and socket), mail, a text, a web push. */
@Schema(name = "Channel")
public enum Channel {
    IN_APP,
    EMAIL,
    SMS,
    PUSH
}
