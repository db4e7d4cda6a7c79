package io.hearth.notifications;

import io.hearth.kit.tracing.Tracing;
import io.hearth.circles.CircleEvent;
import io.hearth.conversations.ConversationEvent;
import io.hearth.gatherings.GatheringEvent;
import io.hearth.identity.IdentityEvent;
import io.hearth.kit.outbox.EventEnvelope;
import io.hearth.kit.outbox.EventReader;
import io.hearth.outbox.Topics;
import io.hearth.payments.PaymentEvent;
import io.hearth.helpdesk.TicketEvent;
import io.hearth.outreach.OutreachEvent;
import io.hearth.polls.PollEvent;
import io.hearth.tenancy.InTenant;
import io.hearth.tenancy.TenantId;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.json.JsonMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns the domain events of circles, events, payments, conversations, identity, polls, the help desk and outreach into notifications ({@link EventNotices}).
 * A failure is retried (Kafka redelivers); an event told twice notifies once, as each notice's source is its event.
 */
@KafkaListener(groupId = "hearth-app-notifications", offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 10, retryDelay = "1s"))
public class NotificationListener {

    private static final EventReader<CircleEvent> CIRCLES = EventReader.of(CircleEvent.class);
    private static final EventReader<GatheringEvent> GATHERINGS = EventReader.of(GatheringEvent.class);
    private static final EventReader<PaymentEvent> PAYMENTS = EventReader.of(PaymentEvent.class);
    private static final EventReader<ConversationEvent> CONVERSATIONS = EventReader.of(ConversationEvent.class);
    private static final EventReader<IdentityEvent> IDENTITY = EventReader.of(IdentityEvent.class);
    private static final EventReader<PollEvent> POLLS = EventReader.of(PollEvent.class);
    private static final EventReader<TicketEvent> HELPDESK = EventReader.of(TicketEvent.class);
    private static final EventReader<OutreachEvent> OUTREACH = EventReader.of(OutreachEvent.class);

    private final JsonMapper json;
    private final InTenant tenants;
    private final EventNotices notices;

    private final Tracing tracing;

    public NotificationListener(JsonMapper json, InTenant tenants, EventNotices notices, Tracing tracing) {
        this.tracing = tracing;
        this.json = json;
        this.tenants = tenants;
        this.notices = notices;
    }

    @Topic({Topics.CIRCLES, Topics.EVENTS, Topics.PAYMENTS, Topics.CONVERSATIONS, Topics.IDENTITY, Topics.POLLS, Topics.HELPDESK, Topics.OUTREACH})
    public void receive(ConsumerRecord<String, String> record) {
        tracing.consume(record, () -> handle(record));
    }

    private void handle(ConsumerRecord<String, String> record) {
        EventEnvelope.read(json, record).ifPresent(envelope -> tenants.call(new TenantId(envelope.tenantId()), tenant -> {
            switch (record.topic()) {
                case Topics.CIRCLES -> CIRCLES.read(envelope).ifPresent(event -> notices.circle(tenant, envelope.eventId(), event));
                case Topics.EVENTS -> GATHERINGS.read(envelope).ifPresent(event -> notices.gathering(tenant, envelope.eventId(), event));
                case Topics.PAYMENTS -> PAYMENTS.read(envelope).ifPresent(event -> notices.payment(tenant, envelope.eventId(), event));
                case Topics.CONVERSATIONS -> CONVERSATIONS.read(envelope).ifPresent(event -> notices.conversation(tenant, envelope.eventId(), event));
                case Topics.IDENTITY -> IDENTITY.read(envelope).ifPresent(event -> notices.identity(tenant, envelope.eventId(), event));
                case Topics.POLLS -> POLLS.read(envelope).ifPresent(event -> notices.poll(tenant, envelope.eventId(), event));
                case Topics.HELPDESK -> HELPDESK.read(envelope).ifPresent(event -> notices.helpdesk(tenant, envelope.eventId(), event));
                case Topics.OUTREACH -> OUTREACH.read(envelope).ifPresent(event -> notices.outreach(tenant, envelope.eventId(), event));
                default -> throw new IllegalStateException("not a topic of notifications: " + record.topic());
            }
            return null;
        }));
    }
}
