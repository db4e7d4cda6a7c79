package io.hearth.identity;

import io.hearth.ErrorCode;
import io.hearth.crypto.SecretTokens;
import io.hearth.identity.internal.CredentialStore;
import io.hearth.identity.internal.PersonRepository;
import io.hearth.identity.internal.PersonRow;
import io.hearth.kit.Refusal;
import io.hearth.kit.crypto.PasswordHasher;
import io.hearth.messaging.Mailer;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Passwords after sign-up: a reset by mailed link, or a change by the signed-in person. */
@TenantBound
@Singleton
public class Passwords {

    static final String RESET_PASSWORD = "RESET_PASSWORD";

    private final PersonRepository persons;
    private final CredentialStore credentials;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Sessions sessions;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Passwords.class);

    private final SignInGuard guard;
    private final java.util.concurrent.ExecutorService afterAnswering;
    private final BeanProvider<Passwords> self;
    private final Mailer mailer;
    private final PublicLinks links;
    private final Audit audit;
    private final Duration resetValidFor;
    private final Clock clock;

    public Passwords(PersonRepository persons, CredentialStore credentials, PasswordHasher hasher, PasswordPolicy policy, Sessions sessions,
                     SignInGuard guard, Mailer mailer, PublicLinks links, Audit audit,
                     @Property(name = "hearth.identity.password-reset-valid-for") Duration resetValidFor, Clock clock,
                     @jakarta.inject.Named(io.micronaut.scheduling.TaskExecutors.BLOCKING) java.util.concurrent.ExecutorService afterAnswering,
                     BeanProvider<Passwords> self) {
        this.afterAnswering = afterAnswering;
        this.self = self;
        this.persons = persons;
        this.credentials = credentials;
        this.hasher = hasher;
        this.policy = policy;
        this.sessions = sessions;
        this.guard = guard;
        this.mailer = mailer;
        this.links = links;
        this.audit = audit;
        this.resetValidFor = resetValidFor;
        this.clock = clock;
    }

    /**
     * Makes and mails a reset link, if the address has an account, after the caller has had his answer: the answer
     * then takes the same time for every address. A failure is logged; the person can ask again.
     */
    public void requestPasswordResetAfterAnswering(Tenant tenant, String email) {
        afterAnswering.execute(() -> {
            try {
                // Through the bean, not this: the call on another thread enters the organisation's scope as any other.
                self.get().requestPasswordReset(tenant, email);
            } catch (RuntimeException e) {
                LOG.error("could not make a password reset link for a request to {}", tenant.slug(), e);
            }
        });
    }

    /** Mails a reset link if the address has an account; says nothing either way. */
    void requestPasswordReset(Tenant tenant, String email) {
        persons.findByEmail(Accounts.normaliseEmail(email))
                .filter(person -> !PersonStatus.ERASED.name().equals(person.status()) && !PersonStatus.DEACTIVATED.name().equals(person.status()))
                .ifPresent(person -> {
                    String token = SecretTokens.newToken();
                    Instant expires = clock.instant().plus(resetValidFor);
                    credentials.addOneTimeToken(tenant.id().value(), person.id(), RESET_PASSWORD, SecretTokens.hash(token), expires);
                    mailer.send(tenant, person.email(), "Reset your password for " + tenant.name(),
                            "Hello " + person.firstName() + ",\n\nChoose a new password here:\n" + links.to(tenant, "/reset-password/" + token)
                                    + "\n\nThe link works once and expires on " + expires + ". If you did not ask for this, ignore this message.\n");
                });
    }

    /** Sets a new password from a reset link; every session of the person ends. */
    public void resetPassword(Tenant tenant, String token, String password, String ip) {
        policy.check("password", password);
        // Checked against his names before the link is used, so a refused password leaves the link working.
        PersonRow person = credentials.peekOneTimeToken(tenant.id().value(), RESET_PASSWORD, SecretTokens.hash(token))
                .flatMap(persons::findById)
                .orElseThrow(() -> new Refusal(Refusal.Kind.GONE, ErrorCode.TOKEN_INVALID, "This link is invalid, used or expired"));
        policy.check("password", password, tenant.name(), tenant.slug(), person.firstName(), person.lastName(), person.email());
        UUID id = credentials.consumeOneTimeToken(tenant.id().value(), RESET_PASSWORD, SecretTokens.hash(token))
                .filter(person.id()::equals)
                .orElseThrow(() -> new Refusal(Refusal.Kind.GONE, ErrorCode.TOKEN_INVALID, "This link is invalid, used or expired"));
        credentials.setPassword(tenant.id().value(), id, hasher.hash(password));
        sessions.endAll(tenant, id, null);
        guard.clear(tenant, person.email());
        audit.record(AuditAction.PASSWORD_RESET, id, id, ip, Map.of());
    }

    /**
     * Changes the caller's password; his other sessions end, this one goes on. A wrong current password counts as a
     * failed sign-in of his account: a stolen session cannot guess its way to the password, and the same lockout
     * (429, then sign-in too) applies.
     */
    public void changePassword(Caller caller, String currentPassword, String newPassword) {
        Tenant tenant = caller.tenant();
        PersonRow person = persons.findById(caller.person()).orElseThrow(() -> Refusal.notFound("The account is gone"));
        confirmCurrent(caller, person, currentPassword);
        policy.check("newPassword", newPassword, tenant.name(), tenant.slug(), person.firstName(), person.lastName(), person.email());
        credentials.setPassword(tenant.id().value(), caller.person(), hasher.hash(newPassword));
        sessions.endAll(caller.tenant(), caller.person(), caller.session());
        audit.byCaller(caller, AuditAction.PASSWORD_CHANGED, caller.person(), Map.of());
    }

    /**
     * He proves he is himself again before a change that could take his account away (his password, his address): a
     * wrong password counts as a failed sign-in (the same lockout), and is {@code 422 INVALID_CREDENTIALS}. A man who
     * signs in only with Google has no password: he sets one by the reset link first.
     */
    void confirmCurrent(Caller caller, PersonRow person, String currentPassword) {
        Tenant tenant = caller.tenant();
        guard.admit(tenant, person.email(), caller.ip());
        String hash = credentials.passwordHash(tenant.id().value(), caller.person()).orElse(null);
        if (hash == null || !hasher.matches(currentPassword, hash)) {
            Optional<Duration> lockout = guard.failed(tenant, person.email(), caller.ip());
            audit.record(AuditAction.SIGN_IN_FAILED, caller.person(), caller.person(), caller.ip(), Map.of("reason", "current-password"));
            lockout.ifPresent(lock -> audit.record(AuditAction.SIGN_IN_LOCKED, caller.person(), caller.person(), caller.ip(),
                    Map.of("email", person.email(), "seconds", lock.toSeconds())));
            throw new Refusal(Refusal.Kind.INVALID, ErrorCode.INVALID_CREDENTIALS, "The current password is wrong");
        }
        guard.succeeded(tenant, person.email());
    }
}
