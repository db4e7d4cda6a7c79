package io.hearth.identity;

import io.hearth.ErrorCode;
import io.hearth.crypto.SecretTokens;
import io.hearth.identity.internal.EmailChangeRepository;
import io.hearth.identity.internal.EmailChangeRow;
import io.hearth.identity.internal.PersonRepository;
import io.hearth.identity.internal.PersonRow;
import io.hearth.kit.Refusal;
import io.hearth.messaging.Mailer;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.context.annotation.Property;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A man moves his account to a new address: he proves he is himself (his password), and the new address by a link
 * mailed to it; only then does the account change, and the old address is told. An address that has an account
 * already gets the same answer and nothing changes (its owner is told someone tried), so this does not tell which
 * addresses have accounts. A new request replaces the last, whose link then leads nowhere.
 */
@TenantBound
@Singleton
public class EmailChanges {

    private final PersonRepository persons;
    private final EmailChangeRepository changes;
    private final Passwords passwords;
    private final Mailer mailer;
    private final PublicLinks links;
    private final Audit audit;
    private final Clock clock;
    private final Duration validFor;
    private final MailThrottle mailThrottle;

    public EmailChanges(PersonRepository persons, EmailChangeRepository changes, Passwords passwords, Mailer mailer, PublicLinks links, Audit audit,
                        Clock clock, @Property(name = "hearth.identity.email-verification-valid-for") Duration validFor, MailThrottle mailThrottle) {
        this.mailThrottle = mailThrottle;
        this.persons = persons;
        this.changes = changes;
        this.passwords = passwords;
        this.mailer = mailer;
        this.links = links;
        this.audit = audit;
        this.clock = clock;
        this.validFor = validFor;
    }

    /** Mails a link to the new address (or, when it has an account, tells its owner); his address stays until the link is opened. */
    @Transactional
    public void request(Caller caller, String email, String password) {
        PersonRow person = persons.findById(caller.person()).orElseThrow(() -> Refusal.unauthorized("The account is gone"));
        String address = Accounts.normaliseEmail(email);
        if (address.equals(Accounts.normaliseEmail(person.email()))) {
            throw Refusal.invalid("email", "is your address already");
        }
        passwords.confirmCurrent(caller, person, password);
        // Counted once he proved himself, as a mail is then sent (to the new address, or to its owner).
        mailThrottle.admit(caller.tenant(), address, caller.ip());
        Tenant tenant = caller.tenant();
        Optional<PersonRow> owner = persons.findByEmail(address);
        if (owner.isPresent()) {
            audit.byCaller(caller, AuditAction.EMAIL_CHANGE_FOR_EXISTING_ACCOUNT, owner.get().id(), Map.of());
            if (!PersonStatus.ERASED.name().equals(owner.get().status())) {
                mailer.send(tenant, owner.get().email(), "Someone tried to use your address on " + tenant.name(),
                        "Hello " + owner.get().firstName() + ",\n\nSomeone with another account on " + tenant.name()
                                + " asked to move it to this email address, which already has an account (yours). Nothing has changed.\n\n"
                                + "If you want to sign in, you can choose a new password here:\n" + links.to(tenant, "/reset-password") + "\n");
            }
            return;
        }
        Instant now = clock.instant();
        String token = SecretTokens.newToken();
        changes.set(person.id(), address, SecretTokens.hash(token), now, now.plus(validFor));
        audit.byCaller(caller, AuditAction.EMAIL_CHANGE_REQUESTED, person.id(), Map.of());
        mailer.send(tenant, address, "Confirm your new email address for " + tenant.name(),
                "Hello " + person.firstName() + ",\n\nYou asked to use this address for your account on " + tenant.name()
                        + ". Open this link to confirm it; until you do, we keep writing to your old address:\n"
                        + links.to(tenant, "/email-change/" + token) + "\n\nThe link works once and expires on " + now.plus(validFor)
                        + ". If you did not ask for this, ignore this mail.\n");
    }

    /**
     * Carries out the change the link is for: his account takes the new address, confirmed, and the old address is
     * told. {@code 410 TOKEN_INVALID} for a link unknown, used, replaced or expired; {@code 409 EMAIL_TAKEN} when the
     * address got an account meanwhile.
     */
    @Transactional
    public PersonRow confirm(Tenant tenant, String token, String ip) {
        EmailChangeRow change = changes.byToken(SecretTokens.hash(token))
                .filter(row -> row.expiresAt().isAfter(clock.instant()))
                .orElseThrow(() -> new Refusal(Refusal.Kind.GONE, ErrorCode.TOKEN_INVALID, "This link is invalid, used, replaced by a newer one or expired"));
        PersonRow person = persons.findById(change.personId())
                .filter(row -> !PersonStatus.ERASED.name().equals(row.status()))
                .orElseThrow(() -> new Refusal(Refusal.Kind.GONE, ErrorCode.TOKEN_INVALID, "The account is gone"));
        if (persons.findByEmail(change.newEmail()).isPresent()) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.EMAIL_TAKEN, "This address has an account now: ask for the change with another one");
        }
        String old = person.email();
        persons.changeEmail(person.id(), change.newEmail(), clock.instant());
        changes.delete(person.id());
        audit.record(AuditAction.EMAIL_CHANGED, person.id(), person.id(), ip, Map.of());
        mailer.send(tenant, old, "Your email address for " + tenant.name() + " was changed",
                "Hello " + person.firstName() + ",\n\nYour account on " + tenant.name() + " now uses another email address ("
                        + masked(change.newEmail()) + "), which you confirmed from that mailbox. We will not write to this address again.\n\n"
                        + "If this was not you, tell your organisation's support at once.\n");
        return persons.findById(person.id()).orElseThrow();
    }

    /** "t***@example.org": enough for him to recognise it, not enough to hand the address to whoever reads the old mailbox. */
    static String masked(String address) {
        int at = address.indexOf('@');
        return at <= 0 ? "***" : address.charAt(0) + "***" + address.substring(at);
    }
}
