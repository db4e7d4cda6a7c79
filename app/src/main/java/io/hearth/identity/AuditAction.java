package io.hearth.identity;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the audit log records. The codes are stable: filters and reports use them. */
public enum AuditAction {
    SIGN_IN_SUCCEEDED("sign-in.succeeded"),
    SIGN_IN_FAILED("sign-in.failed"),
    SIGN_IN_LOCKED("sign-in.locked"),
    SIGNED_OUT("signed-out"),
    REFRESH_TOKEN_REUSED("refresh-token.reused"),
    ACCOUNT_REGISTERED("account.registered"),
    REGISTRATION_FOR_EXISTING_ACCOUNT("account.registration-for-existing"),
    EMAIL_VERIFIED("email.verified"),
    EMAIL_BOUNCED("email.bounced"),
    EMAIL_CHANGE_REQUESTED("email.change-requested"),
    EMAIL_CHANGE_FOR_EXISTING_ACCOUNT("email.change-for-existing"),
    EMAIL_CHANGED("email.changed"),
    INVITATION_SENT("invitation.sent"),
    INVITATION_ACCEPTED("invitation.accepted"),
    MEMBER_APPROVED("member.approved"),
    MEMBER_DEACTIVATED("member.deactivated"),
    MEMBER_REACTIVATED("member.reactivated"),
    ROLE_GRANTED("role.granted"),
    ROLE_REVOKED("role.revoked"),
    ACCESS_DENIED("access.denied"),
    PASSWORD_CHANGED("password.changed"),
    PASSWORD_RESET("password.reset"),
    MFA_ENABLED("mfa.enabled"),
    MFA_RECOVERY_CODE_USED("mfa.recovery-code-used"),
    PHONE_VERIFIED("phone.verified"),
    PROFILE_CHANGED("profile.changed"),
    SETTINGS_CHANGED("settings.changed"),
    SSO_SETTINGS_CHANGED("sso.settings-changed"),
    SSO_ROLES_SYNCED("sso.roles-synced"),
    ORGANISATION_EXPORTED("organisation.exported"),
    DATA_EXPORTED("data.exported"),
    SENSITIVE_DATA_READ("sensitive-data.read"),
    PERSON_ERASED("person.erased"),
    STRIPE_CONNECT_STARTED("stripe.connect-started"),
    PAYMENT_REFUNDED("payment.refunded"),
    PAYMENT_INTERVENTION("payment.intervention"),
    MESSAGE_REMOVED("message.removed"),
    CONVERSATION_RULES_CHANGED("conversation-rules.changed"),
    MEMBER_IMPORTED("member.imported"),
    MEMBER_IMPORT_UNDONE("member.import-undone"),
    MEMBERS_IMPORT_COMMITTED("members.import-committed"),
    MEMBERS_EXPORTED("members.exported");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public static java.util.Optional<AuditAction> byCode(String code) {
        for (AuditAction action : values()) {
            if (action.code.equals(code)) {
                return java.util.Optional.of(action);
            }
        }
        return java.util.Optional.empty();
    }
}
