package io.hearth.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.hearth");
        useCasesHoldThePortNotTheAdapter().check(main);
        JavaClasses planted = new ClassFileImporter().importPackages("io.hearth.architecture.planted");
        assertThatThrownBy(() -> useCasesHoldThePortNotTheAdapter().check(planted)).hasMessageContaining("planted.HoldsTheAdapter");
    }

    @Test
    void onlyThePaymentsAdapterUsesTheProvidersSdk() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.hearth");
        theProviderSdkStaysInItsAdapter().check(main);
        JavaClasses planted = new ClassFileImporter().importPackages("io.hearth.architecture.planted");
        assertThatThrownBy(() -> theProviderSdkStaysInItsAdapter().check(planted)).hasMessageContaining("planted.ReadsStripeEvents");
    }
}
