package io.hearth;

import io.hearth.circles.CircleEvent;
import io.hearth.conversations.ConversationEvent;
import io.hearth.gatherings.GatheringEvent;
import io.hearth.helpdesk.TicketEvent;
import io.hearth.infra.EventContracts;
import io.hearth.kit.outbox.DomainEvent;
import io.hearth.outreach.OutreachEvent;
import io.hearth.payments.PaymentEvent;
import io.hearth.polls.PollEvent;
import io.hearth.tenancy.ProvisioningEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/events.md lists every event app publishes, each with exactly its record's fields, and nothing else. */
class EventContractsTest {

    static Stream<Class<? extends DomainEvent>> families() {
        return Stream.of(CircleEvent.class, ConversationEvent.class, GatheringEvent.class, PaymentEvent.class, ProvisioningEvent.class, PollEvent.class, TicketEvent.class, OutreachEvent.class);
    }

    @ParameterizedTest
    @MethodSource("families")
    void docsListEveryEventOfTheTopicWithItsFields(Class<? extends DomainEvent> family) throws Exception {
        String topic = (String) family.getField("TOPIC").get(null);
        Map<String, List<String>> inCode = new LinkedHashMap<>();
        Arrays.stream(family.getPermittedSubclasses())
                .map(type -> type.asSubclass(DomainEvent.class))
                .forEach(type -> inCode.put(type.getSimpleName(), DomainEvent.fieldsOf(type)));

        Map<String, List<String>> documented = EventContracts.read(Path.of("..", "docs", "events.md")).get(topic);

        assertThat(documented).as("the section of docs/events.md for " + topic).isNotNull();
        assertThat(documented).containsExactlyInAnyOrderEntriesOf(inCode);
    }
}
