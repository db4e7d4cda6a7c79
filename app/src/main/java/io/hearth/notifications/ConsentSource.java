package io.hearth.notifications;

/** How a man gave or withdrew his consent to be reached on a channel, as the record of it says. */
public enum ConsentSource {
    /** He changed his notification settings. */
    PREFERENCES("preferences"),
    /** He followed the unsubscribe link of a mail (or his mail program did, RFC 8058). */
    UNSUBSCRIBE_LINK("unsubscribe-link"),
    /** He answered a text with STOP. */
    SMS_STOP("sms-stop"),
    /** He answered a text with START. */
    SMS_START("sms-start"),
    /** His mail program reported our mail as spam (an abuse report): his mail is turned off. */
    COMPLAINT("complaint"),
    /** The organisation imported its own record of what he agreed to (a members file). */
    IMPORT("import");

    private final String code;

    ConsentSource(String code) {
        this.code = code;
    }

    /** As stored and exported. */
    public String code() {
        return code;
    }
}
