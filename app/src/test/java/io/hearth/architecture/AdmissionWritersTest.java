package io.hearth.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

/**
 * Every write of what a request's admission holds (a man's status, second factor and grants; the organisation's
 * settings) tells {@code Admissions} in the same method, so that the admission every instance remembers stops
 * counting on the next request. A new writer that forgets fails here, not in production on another instance.
 */
class AdmissionWritersTest {

    /** The repository methods that change an admission. A person's first save is not one: no admission of a new id is remembered. */
    private static final Map<String, Set<String>> WRITES = Map.of(
            "io.hearth.identity.internal.PersonRepository", Set.of("updateStatus", "markEmailVerified", "updateMfaEnabled", "update", "updateAll",
                    "delete", "deleteById", "deleteAll"),
            "io.hearth.identity.internal.GrantRepository", Set.of("revoke", "revokeAll", "renew", "save", "saveAll", "update", "updateAll",
                    "delete", "deleteById", "deleteAll"),
            "io.hearth.identity.internal.SettingsRepository", Set.of("update", "updateAll", "save", "saveAll", "delete", "deleteById", "deleteAll"));

    private static final String ADMISSIONS = "io.hearth.identity.Admissions";

    @Test
    void everyWriteOfAnAdmissionTellsAdmissionsInTheSameMethod() {
        JavaClasses classes = ImportedClasses.MAIN;
        // Micronaut's generated dispatchers ($...$Definition$Exec) call every repository method by design: not writers.
        methods().that().areDeclaredInClassesThat().haveNameNotMatching(".*\\.\\$[^.]*").should(new ArchCondition<JavaMethod>("tell Admissions when they write what an admission holds") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean writes = method.getMethodCallsFromSelf().stream().anyMatch(AdmissionWritersTest::writesAnAdmission);
                boolean tells = method.getMethodCallsFromSelf().stream().anyMatch(call -> call.getTargetOwner().getFullName().equals(ADMISSIONS)
                        && (call.getName().equals("personChanged") || call.getName().equals("organisationChanged")));
                if (writes && !tells) {
                    events.add(SimpleConditionEvent.violated(method, method.getFullName() + " writes an admission without telling Admissions"));
                }
            }
        }).check(classes);
    }

    private static boolean writesAnAdmission(JavaMethodCall call) {
        Set<String> writes = WRITES.get(call.getTargetOwner().getFullName());
        return writes != null && writes.contains(call.getName());
    }
}
