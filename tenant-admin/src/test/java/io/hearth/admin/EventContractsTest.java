package io.hearth.admin;

import io.hearth.admin.tenants.LifecycleEvent;
import io.hearth.infra.EventContracts;
import io.hearth.kit.outbox.DomainEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/events.md lists every event tenant-admin publishes, each with exactly its record's fields, and nothing else. */
class EventContractsTest {

    @Test
    void docsListEveryLifecycleEventWithItsFields() {
        Map<String, List<String>> inCode = new LinkedHashMap<>();
        Arrays.stream(LifecycleEvent.class.getPermittedSubclasses())
                .map(type -> type.asSubclass(DomainEvent.class))
                .forEach(type -> inCode.put(type.getSimpleName(), DomainEvent.fieldsOf(type)));

        Map<String, List<String>> documented = EventContracts.read(Path.of("..", "docs", "events.md")).get(LifecycleEvent.TOPIC);

        assertThat(documented).containsExactlyInAnyOrderEntriesOf(inCode);
    }
}
