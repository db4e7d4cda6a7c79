package io.hearth.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The payment provider's SDK, its types and its type strings live in one adapter ({@code payments/internal}); the
 * feature speaks its own terms through its port ({@code PaymentProvider}, {@code ProviderEvent}). Each rule is shown to
 * fail on a planted violation ({@code planted.ReadsStripeEvents}, {@code planted.HoldsTheAdapter}).
 */
class ProviderAdapterTest {

    static ArchRule theProviderSdkStaysInItsAdapter() {
        return noClasses().that().resideOutsideOfPackage("io.hearth.payments.internal..")
                .should().dependOnClassesThat().resideInAnyPackage("com.stripe..")
                .because("payments speaks its own terms; Stripe's are translated in payments/internal");
    }

    /** Use cases hold the port ({@code PaymentProvider}); only the container knows which adapter is behind it. */
    static ArchRule useCasesHoldThePortNotTheAdapter() {
        return noClasses().that().resideOutsideOfPackage("io.hearth.payments.internal..")
                .and().haveNameNotMatching(".*\\.\\$[^.]*")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.hearth.payments.internal.StripeApi")
                .because("payments' use cases speak to the PaymentProvider port; StripeApi is its one adapter");
    }

    @Test
    void useCasesSpeakToThePort() {
        JavaClasses main = ImportedClasses.MAIN;
        useCasesHoldThePortNotTheAdapter().check(main);
        JavaClasses planted = ImportedClasses.PLANTED;
        assertThatThrownBy(() -> useCasesHoldThePortNotTheAdapter().check(planted)).hasMessageContaining("planted.HoldsTheAdapter");
    }

    @Test
    void onlyThePaymentsAdapterUsesTheProvidersSdk() {
        JavaClasses main = ImportedClasses.MAIN;
        theProviderSdkStaysInItsAdapter().check(main);
        JavaClasses planted = ImportedClasses.PLANTED;
        assertThatThrownBy(() -> theProviderSdkStaysInItsAdapter().check(planted)).hasMessageContaining("planted.ReadsStripeEvents");
    }
}
