package io.hearth.admin.operators;

import io.hearth.admin.operators.internal.OperatorRepository;
import io.hearth.admin.operators.internal.OperatorRow;
import io.hearth.kit.crypto.PasswordHasher;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
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

    /** The operator with these credentials, if they are right. */
    public Optional<Operator> authenticate(String email, String password) {
        Optional<OperatorRow> row = repository.findByEmailIlike(email.trim());
        boolean matches = hasher.matches(password, row.map(OperatorRow::passwordHash).orElse(decoyHash));
        return row.filter(r -> matches).map(r -> new Operator(r.id(), r.email()));
    }

    /** Creates the operator, or does nothing when the address already has an account. */
    public void ensure(String email, String password) {
        if (repository.findByEmailIlike(email).isPresent()) {
            return;
        }
        repository.save(new OperatorRow(UUID.randomUUID(), email.toLowerCase(Locale.ROOT), hasher.hash(password), Instant.now()));
        LOG.info("operator {} created", email);
    }

    public record Operator(UUID id, String email) {
    }

    /** The development operator named in configuration, created at start-up where enabled. */
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
            operators.ensure(email, password);
        }
    }
}
