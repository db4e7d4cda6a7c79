package io.hearth.architecture;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.hearth.kit.tracing.Tracing;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every Kafka listener does its work through {@link Tracing#consume}, so that the work joins the trace of the
 * request that wrote the event (a listener that forgets it starts a trace of its own, and the request's trace stops at
 * the outbox). Shown to fail on {@code planted.ListensUntraced}.
 */
class ConsumersAreTracedTest {

    static ArchRule listenersConsumeThroughTracing() {
        return methods().that().areAnnotatedWith(Topic.class)
                .should(new ArchCondition<JavaMethod>("do their work through Tracing.consume") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        boolean traced = method.getMethodCallsFromSelf().stream()
                                .anyMatch(call -> call.getTargetOwner().isEquivalentTo(Tracing.class) && call.getName().equals("consume"));
                        if (!traced) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName() + " does not call Tracing.consume"));
                        }
                    }
                })
                .because("one trace goes from the HTTP request through the outbox and Kafka to the consumer's work");
    }

    @Test
    void everyListenerWorksInsideItsTrace() {
        listenersConsumeThroughTracing().check(ImportedClasses.MAIN);
        assertThatThrownBy(() -> listenersConsumeThroughTracing().check(ImportedClasses.PLANTED)).hasMessageContaining("planted.ListensUntraced");
    }
}
