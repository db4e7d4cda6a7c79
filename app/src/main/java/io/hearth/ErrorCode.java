package io.hearth;

import io.hearth.kit.ProblemCode;

/**
 * The codes of app's own refusals (the general ones are {@link io.hearth.kit.CommonCode}). Titles are for people and
 * may change; codes do not.
 */
public enum ErrorCode implements ProblemCode {
    INVALID_CREDENTIALS("Email or password is wrong"),
    ACCOUNT_PENDING_VERIFICATION("Email address not verified yet"),
    ACCOUNT_PENDING_APPROVAL("Account waits for approval"),
    ACCOUNT_DEACTIVATED("Account deactivated"),
    EMAIL_TAKEN("Email address already registered"),
    TOKEN_INVALID("Link or token invalid or expired"),
    REFRESH_TOKEN_REUSED("Refresh token already used"),
    MFA_CODE_INVALID("Code invalid"),
    VERIFICATION_CODE_INVALID("Verification code invalid"),
    SMS_UNAVAILABLE("Text messages cannot be sent now"),
    SMS_SIGNATURE_INVALID("SMS provider signature invalid"),
    MAIL_FEEDBACK_SIGNATURE_INVALID("Mail feedback signature invalid"),
    MFA_REQUIRED("Two-factor authentication required"),
    MFA_ALREADY_ENABLED("Two-factor authentication already on"),
    LAST_ADMIN("The organisation needs an admin"),
    BREAK_GLASS_ADMIN("The admin who keeps password sign-in"),
    CIRCLE_FULL("The circle is full"),
    ALREADY_IN_A_CIRCLE("Already in a circle"),
    CIRCLE_ARCHIVED("The circle is archived"),
    EVENT_CANCELLED("The event is cancelled"),
    REGISTRATION_CLOSED("Registration is closed"),
    ALREADY_REGISTERED("Already registered"),
    CANCELLATION_CLOSED("Too late to cancel"),
    TICKET_INVALID("Ticket invalid"),
    OIDC_FAILED("Sign-in with the provider failed"),
    PAYMENTS_NOT_READY("The organisation cannot take payments yet"),
    PAYMENTS_UNAVAILABLE("Payments cannot be reached now"),
    NOT_AWAITING_PAYMENT("Nothing to pay for this registration"),
    STRIPE_SIGNATURE_INVALID("Stripe signature invalid"),
    STRIPE_LIVEMODE_MISMATCH("Stripe event of the other mode"),
    CONVERSATION_NOT_ALLOWED("Not allowed to talk here"),
    COMMENTS_CLOSED("Comments are off for this announcement"),
    CHANNEL_NOT_VERIFIED("Channel not verified"),
    PUSH_NOT_CONFIGURED("Push notifications not set up"),
    POLL_CLOSED("The poll is closed"),
    OPTION_FULL("This option is full"),
    QUORUM_NOT_MET("Too few can come at this time"),
    TICKET_MERGED("The ticket was merged into another"),
    TICKET_NOT_MERGEABLE("These tickets cannot be merged"),
    FILE_TYPE_REFUSED("The file is not of a type taken, or not what it claims to be"),
    WAIVER_NOT_ACKNOWLEDGED("The waiver has not been acknowledged"),
    DOCUMENT_VERSION_STALE("A newer version of the document exists"),
    CSV_ENCODING("The file is not UTF-8"),
    CSV_EMPTY("The file is empty"),
    CSV_HEADER("The header row is not the members file's"),
    CSV_MALFORMED("The file is not valid CSV"),
    CSV_TOO_MANY_ROWS("The file has too many rows"),
    IMPORT_NOT_PLANNED("The import is not a dry run waiting to be imported"),
    IMPORT_IN_PROGRESS("The import is still running"),
    IMPORT_ALREADY_UNDONE("The import was undone already"),
    IMPORT_UNDO_EXPIRED("The import can no longer be undone"),
    SSO_REQUIRED("Sign in through the organisation's provider"),
    SSO_NOT_CONFIGURED("No single sign-on for this address"),
    SSO_PROVIDER_UNUSABLE("The sign-in provider cannot be used");

    private final String title;

    ErrorCode(String title) {
        this.title = title;
    }

    @Override
    public String title() {
        return title;
    }
}
