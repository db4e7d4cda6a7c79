package io.hearth.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No controller wires use cases together: a use case is given its collaborators by the container, never by its
 * caller, so a public method never takes another bean as a parameter (a controller handing {@code memberships} to
 * {@code Circles.archive} was how a constructor cycle used to be dodged). Shown to fail on
 * {@code planted.HandedItsCollaborator}.
 */
class UseCasesAreWiredTest {

    static ArchRule noUseCaseIsHandedABean() {
        return methods().that().areDeclaredInClassesThat().areAnnotatedWith(Singleton.class)
                .and().arePublic()
                .should(new ArchCondition<JavaMethod>("take no bean (a @Singleton) as a parameter") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        for (JavaClass parameter : method.getRawParameterTypes()) {
                            if (parameter.isAnnotatedWith(Singleton.class)) {
                                events.add(SimpleConditionEvent.violated(method, method.getFullName() + " is handed the bean " + parameter.getName()));
                            }
                        }
                    }
                })
                .because("a use case's collaborators come from the container; a caller handing them over hides a cycle");
    }

    @Test
    void noPublicMethodOfABeanTakesAnotherBean() {
        JavaClasses main = ImportedClasses.MAIN;
        noUseCaseIsHandedABean().check(main);
        JavaClasses planted = ImportedClasses.PLANTED;
        assertThatThrownBy(() -> noUseCaseIsHandedABean().check(planted)).hasMessageContaining("planted.HandedItsCollaborator");
    }
}
