package io.hearth.admin.operators;

import io.hearth.admin.operators.internal.OperatorRepository;
import io.hearth.admin.operators.internal.OperatorRow;
import io.hearth.kit.crypto.PasswordHasher;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Platform operator accounts. */
@Singleton
public class Operators {

    private static final Logger LOG = LoggerFactory.getLogger(Operators.class);
    // Verifying against a real hash when the account is unknown keeps response times alike for both cases.
    private final String decoyHash;

    private final OperatorRepository repository;
    private final PasswordHasher hasher;

    public Operators(OperatorRepository repository, PasswordHasher hasher) {
        this.repository = repository;
        this.hasher = hasher;
        this.decoyHash = hasher.hash(UUID.randomUUID().toString());
    }

    /** An address as it is stored and matched: trimmed, lower case; never a pattern. */
    public static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /** The active operator with these credentials, if they are right. */
    public Optional<Operator> authenticate(String email, String password) {
        Optional<OperatorRow> row = repository.findByNormalisedEmail(normalise(email)).filter(OperatorRow::active);
        boolean matches = hasher.matches(password, row.map(OperatorRow::passwordHash).orElse(decoyHash));
        return row.filter(r -> matches).map(Operators::view);
    }

    /** Whether this id names an operator who may act now (a token of a removed or disabled one is worth nothing). */
    public boolean isActive(UUID id) {
        return repository.isActive(id);
    }

    /** Creates the operator, or does nothing when the address already has an account. */
    public void ensure(String email, String password) {
        if (repository.findByNormalisedEmail(normalise(email)).isPresent()) {
            return;
        }
        repository.save(new OperatorRow(UUID.randomUUID(), normalise(email), hasher.hash(password), Instant.now(), null, null, true));
        LOG.info("operator {} created", email);
    }

    /** The operators' door, newest first. */
    public List<AuditEntry> audit(int limit) {
        return repository.recentAudit(limit).stream().map(line -> new AuditEntry(line.id(), line.at(), line.operatorId(), line.email(),
                line.action(), line.ip(), line.detail())).toList();
    }

    /** One line of the operators' log: sign-ins (SIGNED_IN, SIGN_IN_FAILED, PASSWORD_ACCEPTED, SECOND_FACTOR_FAILED, SECOND_FACTOR_ENROLLED, LOCKED_OUT) and actions on organisations. */
    @Schema(name = "OperatorAuditEntry")
    @io.micronaut.serde.annotation.Serdeable
    public record AuditEntry(UUID id, Instant at, @Nullable UUID operatorId, String email, String action, @Nullable String ip,
                             @Nullable String detail) {
    }

    /**
     * Records what a signed-in operator did to an organisation (MOVE_REQUESTED, BACKUP_REQUESTED, RESTORE_REQUESTED,
     * EXPORTED, OLD_COPY_DROP_REQUESTED ...) beside the operators' sign-ins: one log of everything operators do.
     */
    public void recordAction(UUID operator, String action, @Nullable String ip, String detail) {
        String email = repository.findById(operator).map(io.hearth.admin.operators.internal.OperatorRow::email).orElse("unknown operator");
        record(operator, email, action, ip, detail.length() > 2000 ? detail.substring(0, 2000) : detail);
    }

    void record(@Nullable UUID operator, String email, String action, @Nullable String ip, @Nullable String detail) {
        repository.audit(UUID.randomUUID(), operator, email.length() > 320 ? email.substring(0, 320) : email, action, ip, detail);
    }

    private static Operator view(OperatorRow row) {
        return new Operator(row.id(), row.email(), row.totpSecretSealed() != null);
    }

    public record Operator(UUID id, String email, boolean secondFactor) {
    }

    /** The development operator named in configuration, created at start-up only where the local run turns it on. */
    @Singleton
    @Requires(property = "hearth.admin.dev-operator.enabled", value = "true")
    static class DevOperator {
        private final Operators operators;
        private final String email;
        private final String password;

        DevOperator(Operators operators, @Value("${hearth.admin.dev-operator.email}") String email,
                    @Value("${hearth.admin.dev-operator.password}") String password) {
            this.operators = operators;
            this.email = email;
            this.password = password;
        }

        @EventListener
        void onStartup(StartupEvent event) {
            LOG.warn("the development operator {} is on: turn hearth.admin.dev-operator.enabled off anywhere but a local run", email);
            operators.ensure(email, password);
        }
    }
}
