package io.hearth.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One way to the database. SQL and {@code java.sql} live in a feature's {@code internal/} (repositories, and the
 * plain-JDBC classes docs/architecture.md names) and in the kit, nowhere else; and transactions are declared with
 * {@code @Transactional} on use cases: only {@code internal/} and the kit touch the transaction by hand, to run their
 * statements in the one in progress. Each rule is shown to fail on a planted violation ({@code planted.QueriesInItsRoot},
 * {@code planted.OpensItsOwnTransaction}).
 */
class OneWayToTheDatabaseTest {

    /** Named in docs/architecture.md: it sees a {@code javax.sql.DataSource} only to migrate it the moment it is made. */
    private static final Set<String> NAMED = Set.of("io.hearth.DatabaseMigrations");

    private static final DescribedPredicate<JavaClass> NOT_NAMED = DescribedPredicate.describe("are not named in docs/architecture.md",
            type -> !NAMED.contains(type.getName().replaceAll("\\$.*", "")));

    static ArchRule noJdbcOutsideInternal() {
        // Micronaut's generated classes ($...) carry their bean's constructor: the bean itself is what counts.
        return noClasses().that().resideOutsideOfPackages("..internal..", "io.hearth.kit..", "io.hearth.infra..")
                .and().haveNameNotMatching(".*\\.\\$[^.]*")
                .and(NOT_NAMED)
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .because("one way to the database: repositories and plain JDBC in a feature's internal/, where docs/architecture.md names them");
    }

    static ArchRule transactionsAreDeclared() {
        return noClasses().that().resideOutsideOfPackages("..internal..", "io.hearth.kit..", "io.hearth.infra..")
                .and().haveNameNotMatching(".*\\.\\$[^.]*")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.micronaut.transaction.TransactionOperations")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.micronaut.data.connection.ConnectionOperations")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.micronaut.transaction.support.TransactionSynchronization")
                .because("one transaction style: a use case declares its transaction with @Transactional (kit's AfterCommit for what follows it)");
    }

    @Test
    void sqlStaysInInternalAndTheKit() {
        noJdbcOutsideInternal().check(main());
        assertThatThrownBy(() -> noJdbcOutsideInternal().check(planted())).hasMessageContaining("planted.QueriesInItsRoot");
    }

    @Test
    void useCasesDeclareTheirTransactions() {
        transactionsAreDeclared().check(main());
        assertThatThrownBy(() -> transactionsAreDeclared().check(planted())).hasMessageContaining("planted.OpensItsOwnTransaction");
    }

    private static JavaClasses main() {
        return ImportedClasses.MAIN;
    }

    private static JavaClasses planted() {
        return ImportedClasses.PLANTED;
    }
}
