package io.hearth.kit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Many callers' changes to one thing (an event's seats, say) made in batches: one transaction for all who arrived
 * while the previous batch ran, instead of one each in a line. A caller queues his item under the key and waits his
 * turn at the key's (fair) lock; whoever gets the lock with his own item still undone takes every item queued, in
 * the order they were queued, and runs them as one batch for all; the others then find their outcome ready. No
 * thread of its own: the batch runs on the thread of one of its callers.
 *
 * <p>Each item gets its own outcome: the batch answers one per item (a refusal of one is an outcome, not an
 * exception). When the batch as a whole fails and held more than one item, each item is run again alone (unless the
 * failure is one that says nothing of the items), so one bad item never fails the others; an item that fails alone
 * gets its own exception. A key's lock and queue exist only
 * while someone uses them.
 *
 * @param <K> what the items change (the lock's key)
 * @param <I> an item
 * @param <O> an item's outcome
 */
public final class GroupCommit<K, I, O> {

    /** Runs a batch: the items in order, an outcome for each in the same order. */
    @FunctionalInterface
    public interface Batch<K, I, O> {
        List<O> run(K key, List<I> items);
    }

    private static final class Waiting<I, O> {
        final I item;
        final CompletableFuture<O> outcome = new CompletableFuture<>();

        Waiting(I item) {
            this.item = item;
        }
    }

    private static final class Lane<I, O> {
        final ReentrantLock lock = new ReentrantLock(true);
        final ConcurrentLinkedQueue<Waiting<I, O>> queue = new ConcurrentLinkedQueue<>();
        int users;
    }

    private final ConcurrentHashMap<K, Lane<I, O>> lanes = new ConcurrentHashMap<>();
    private final Batch<K, I, O> batch;
    private final UnaryOperator<I> onQueue;
    private final Predicate<RuntimeException> worthAlone;
    private final int most;

    /** At most {@code most} items per batch; the rest wait for the next. */
    public GroupCommit(int most, Batch<K, I, O> batch) {
        this(most, UnaryOperator.identity(), failure -> true, batch);
    }

    /**
     * With {@code onQueue} applied to each item as it joins its key's queue, in the order they join (one at a time per
     * key): what it stamps on the items (the time they arrived, say) follows their order in the batches. A failed
     * batch is run again item by item only when {@code worthAlone} says so of its failure: not when the failure says
     * nothing of the items (a database out of reach fails each alone as well, only more slowly), and then every item
     * of the batch gets that failure at once.
     */
    public GroupCommit(int most, UnaryOperator<I> onQueue, Predicate<RuntimeException> worthAlone, Batch<K, I, O> batch) {
        if (most < 1) {
            throw new IllegalArgumentException("a batch holds at least one item");
        }
        this.most = most;
        this.onQueue = Objects.requireNonNull(onQueue);
        this.worthAlone = Objects.requireNonNull(worthAlone);
        this.batch = Objects.requireNonNull(batch);
    }

    /** Queues the item and returns its outcome once a batch holding it has run; rethrows the exception it failed with. */
    public O submit(K key, I item) {
        Lane<I, O> lane = lanes.compute(key, (k, existing) -> {
            Lane<I, O> used = existing == null ? new Lane<>() : existing;
            used.users++;
            return used;
        });
        Waiting<I, O> mine;
        try {
            synchronized (lane) {
                mine = new Waiting<>(onQueue.apply(item));
                lane.queue.add(mine);
            }
            lane.lock.lock();
            try {
                while (!mine.outcome.isDone()) {
                    runQueued(key, lane);
                }
            } finally {
                lane.lock.unlock();
            }
        } finally {
            lanes.computeIfPresent(key, (k, used) -> --used.users == 0 ? null : used);
        }
        try {
            return mine.outcome.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** How many keys have a lane now (for tests: lanes must not outlive their users). */
    int lanes() {
        return lanes.size();
    }

    /** How many items wait in a queue now, not yet taken into a batch (for tests). */
    int queued() {
        return lanes.values().stream().mapToInt(lane -> lane.queue.size()).sum();
    }

    private void runQueued(K key, Lane<I, O> lane) {
        List<Waiting<I, O>> taken = new ArrayList<>();
        Waiting<I, O> next;
        while (taken.size() < most && (next = lane.queue.poll()) != null) {
            taken.add(next);
        }
        if (taken.isEmpty()) {
            return;
        }
        try {
            complete(taken, run(key, taken));
        } catch (RuntimeException | Error e) {
            if (taken.size() == 1 || e instanceof Error || !worthAlone.test((RuntimeException) e)) {
                taken.forEach(waiting -> waiting.outcome.completeExceptionally(e));
                return;
            }
            for (Waiting<I, O> alone : taken) {
                try {
                    complete(List.of(alone), run(key, List.of(alone)));
                } catch (RuntimeException | Error failure) {
                    alone.outcome.completeExceptionally(failure);
                }
            }
        }
    }

    private List<O> run(K key, List<Waiting<I, O>> taken) {
        List<O> outcomes = batch.run(key, taken.stream().map(w -> w.item).toList());
        if (outcomes.size() != taken.size()) {
            throw new IllegalStateException("a batch of " + taken.size() + " items answered " + outcomes.size() + " outcomes");
        }
        return outcomes;
    }

    private static <I, O> void complete(List<Waiting<I, O>> taken, List<O> outcomes) {
        for (int i = 0; i < taken.size(); i++) {
            taken.get(i).outcome.complete(outcomes.get(i));
        }
    }
}
