package io.hearth.gatherings;

import jakarta.inject.Singleton;

import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Registrations for one event wait their turn in this instance before they take a database connection. Every seat
 * change locks the event's row (the rule across instances), so a crowd registering at once is served one by one
 * either way; without this queue each waiting man held one of the pool's connections while he waited for the row,
 * the pool ran dry, and men behind them were refused with 503 after the pool's timeout. The locks are fair: men
 * are served in the order they arrived. 256 stripes by event id: two events rarely share one, and nothing grows.
 */
@Singleton
public class SeatQueue {

    private final ReentrantLock[] stripes = new ReentrantLock[256];

    public SeatQueue() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock(true);
        }
    }

    /** Runs the change (its own transaction) when it is this man's turn for the event. */
    public <T> T inTurn(UUID eventId, Supplier<T> change) {
        ReentrantLock lock = stripes[Math.floorMod(eventId.hashCode(), stripes.length)];
        lock.lock();
        try {
            return change.get();
        } finally {
            lock.unlock();
        }
    }
}
