package io.hearth.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.hearth.tenancy.EachTenant;
import io.hearth.tenancy.ForTenant;
import io.hearth.tenancy.InTenant;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.tenancy.TenantBoundScope;
import io.hearth.tenancy.TenantMigrations;
import io.hearth.tenancy.TenantSchemaResolver;
import io.hearth.tenancy.TenantScope;
import io.hearth.tenancy.TenantSql;
import io.hearth.tenancy.api.HostTenantResolver;
import io.micronaut.http.annotation.Controller;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A use case is a function of who asks: the edges hand the {@code Caller} (or, where no one signs in, the
 * {@code Tenant}) to it as a parameter, and {@link TenantBoundScope} enters the data layer's guard from that
 * parameter. These rules keep it so; each is shown to fail on a planted violation (package {@code planted}).
 */
class WhoAsksTest {

    private static final JavaClasses MAIN = ImportedClasses.MAIN;
    private static final JavaClasses PLANTED = ImportedClasses.PLANTED;

    /** The scope itself, the one place that enters it from a parameter, the data layer that reads it, and the background edges. */
    static ArchRule onlyTheDataLayerAndTheEdgesTouchTheScope() {
        return noClasses().that(DescribedPredicate.not(belongToAnyOf(TenantScope.class, TenantBoundScope.class, TenantSchemaResolver.class,
                        TenantSql.class, InTenant.class, EachTenant.class, HostTenantResolver.class, io.hearth.tenancy.internal.ClusterPools.class)))
                .should().dependOnClassesThat().belongToAnyOf(TenantScope.class)
                .because("who asks and for which organisation is a parameter: a use case does not reach into context for it");
    }

    /** A bean whose public methods are given an organisation enters its scope around them. */
    static ArchRule beansGivenAnOrganisationAreTenantBound() {
        return classes().that().areAnnotatedWith(Singleton.class).or().areAnnotatedWith(Controller.class)
                .and(givenAnOrganisation()).and(DescribedPredicate.not(belongToAnyOf(TenantMigrations.class)))
                .should().beAnnotatedWith(TenantBound.class)
                .because("the scope the data layer checks is entered from the parameter, by TenantBoundScope, and nowhere else");
    }

    @Test
    void onlyTheDataLayerAndTheEdgesReadOrEnterTheTenantScope() {
        onlyTheDataLayerAndTheEdgesTouchTheScope().check(MAIN);
        assertThatThrownBy(() -> onlyTheDataLayerAndTheEdgesTouchTheScope().check(PLANTED))
                .hasMessageContaining("planted.LooksUpItsTenant");
    }

    @Test
    void everyUseCaseAndControllerGivenAnOrganisationIsTenantBound() {
        beansGivenAnOrganisationAreTenantBound().check(MAIN);
        assertThatThrownBy(() -> beansGivenAnOrganisationAreTenantBound().check(PLANTED))
                .hasMessageContaining("planted.ForgetsItsScope");
    }

    /**
     * Beans the API calls before there is an organisation, or for all of them: the signing keys' public half
     * (JWKS), the providers' webhooks (Stripe's finds its organisation from the account it names, the SMS provider's from
     * the number texted, the mail provider's reports from the quoted mail's reference, and its replies from the quoted Message-ID), the host's tenant, and Redis,
     * whose keys carry the tenant.
     */
    private static final java.util.Set<String> PLATFORM_LEVEL = java.util.Set.of("io.hearth.identity.SigningKeys",
            "io.hearth.payments.StripeWebhooks", "io.hearth.notifications.TextCommands", "io.hearth.messaging.MailFeedback", "io.hearth.messaging.MailReplies",
            "io.hearth.tenancy.ServedTenants",
            "io.hearth.web.AppRedis");

    /** What an HTTP controller calls of a use case is given who asks: the Caller, or the Tenant on a public route. */
    static ArchRule useCasesTheApiCallsAreGivenWhoAsks() {
        return methods().that().areDeclaredInClassesThat(DescribedPredicate.describe("are use cases (beans of a feature)",
                        (JavaClass type) -> (type.isAnnotatedWith(TenantBound.class) || type.isAnnotatedWith(Singleton.class))
                                && !type.isAnnotatedWith(Controller.class) && !type.getPackageName().endsWith(".api")
                                // The kit holds no domain: request plumbing such as the client's address is no use case.
                                && !type.getPackageName().startsWith("io.hearth.kit")
                                && !PLATFORM_LEVEL.contains(type.getName())))
                .and().arePublic().and().areNotStatic()
                .and(DescribedPredicate.describe("are called by a controller", (JavaMethod method) -> method.getCallsOfSelf().stream()
                        .anyMatch(call -> call.getOriginOwner().isAnnotatedWith(Controller.class)
                                || call.getOriginOwner().getPackageName().endsWith(".api"))))
                .should(new ArchCondition<JavaMethod>("be given a Caller or a Tenant") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        boolean given = method.getRawParameterTypes().stream()
                                .anyMatch(parameter -> parameter.isAssignableTo(Tenant.class) || parameter.isAssignableTo(ForTenant.class));
                        if (!given) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName() + " is called by a controller but not told who asks"));
                        }
                    }
                })
                .because("a use case is a function of who asks: it does not lean on the scope its controller entered");
    }

    @Test
    void whatTheApiCallsIsToldWhoAsks() {
        useCasesTheApiCallsAreGivenWhoAsks().check(MAIN);
        assertThatThrownBy(() -> useCasesTheApiCallsAreGivenWhoAsks().check(PLANTED))
                .hasMessageContaining("planted.AsksNobody.total()");
    }

    @Test
    void theRulesSeeTheClassesTheyAreAbout() {
        assertThat(MAIN.stream().filter(givenAnOrganisation()::test).count()).as("use cases and controllers given an organisation").isGreaterThan(40);
    }

    private static DescribedPredicate<JavaClass> givenAnOrganisation() {
        return DescribedPredicate.describe("have a public method given a Tenant or a Caller", type -> type.getMethods().stream()
                .filter(method -> method.getModifiers().contains(JavaModifier.PUBLIC))
                .anyMatch(method -> method.getRawParameterTypes().stream()
                        .anyMatch(parameter -> parameter.isAssignableTo(Tenant.class) || parameter.isAssignableTo(ForTenant.class))));
    }
}
