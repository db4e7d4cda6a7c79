package io.hearth.gatherings;

import io.hearth.kit.GroupCommit;
import io.hearth.kit.SqlFailures;
import io.hearth.tenancy.Tenant;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.UUID;

/**
 * Registrations for one event wait their turn in this instance, and those that came while the previous batch was
 * being seated are seated together in one change ({@link SeatBatches}): a crowd registering at once costs a handful of
 * transactions, not one each in a line under the event's lock. Men are seated in the order they queued. The event's
 * row lock still decides across instances. Keys carry the tenant: two organisations never share a batch.
 */
@Singleton
public class SeatQueue {

    /** A batch: one event of one organisation (the same organisation whatever the directory's copy of it says). */
    private record Key(Tenant tenant, UUID event) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.tenant.id().equals(tenant.id()) && key.event.equals(event);
        }

        @Override
        public int hashCode() {
            return 31 * tenant.id().hashCode() + event.hashCode();
        }
    }

    private final GroupCommit<Key, SeatBatches.Arrival, SeatBatches.Outcome> queue;

    public SeatQueue(SeatBatches arrivals, Clock clock, @Value("${hearth.gatherings.seat-batch:200}") int batch) {
        // Each man's registration time is when he joined the queue, stamped in queue order: the order he is seated in.
        // A database out of reach fails the whole batch with 503 at once: run alone, each man would wait the pool's timeout in turn.
        // The batch runs on the thread of one of its men, inside his organisation's scope: the key's, as every man's in it
        // (the use case refuses to seat one organisation's men in another's scope).
        this.queue = new GroupCommit<>(batch, arrival -> arrival.queued(clock.instant()), failure -> !SqlFailures.isUnavailable(failure),
                (key, items) -> arrivals.seat(key.tenant(), key.event(), items));
    }

    /** Queues the checked registration and answers what became of it once its batch is seated. */
    SeatBatches.Outcome take(Tenant tenant, UUID eventId, SeatBatches.Arrival arrival) {
        return queue.submit(new Key(tenant, eventId), arrival);
    }
}
