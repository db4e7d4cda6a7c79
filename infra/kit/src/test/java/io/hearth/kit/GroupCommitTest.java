package io.hearth.kit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitTest {

    /** Callers who arrive while a batch runs go together in the next one, and each gets his own outcome. */
    @Test
    void callersWhoArriveTogetherShareABatchAndEachGetsHisOwnOutcome() throws Exception {
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        GroupCommit<String, Integer, String> commit = new GroupCommit<>(100, (key, items) -> {
            batches.add(items);
            if (items.contains(0)) {
                firstRunning.countDown();
                await(othersQueued);
            }
            return items.stream().map(i -> key + ":" + i).toList();
        });
        ExecutorService pool = Executors.newFixedThreadPool(21);
        try {
            Future<String> first = pool.submit(() -> commit.submit("event", 0));
            firstRunning.await(10, TimeUnit.SECONDS);
            List<Future<String>> others = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                int item = i;
                others.add(pool.submit(() -> commit.submit("event", item)));
            }
            while (waiting(commit) < 20) {
                Thread.sleep(5);
            }
            othersQueued.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("event:0");
            for (int i = 1; i <= 20; i++) {
                assertThat(others.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo("event:" + i);
            }
            assertThat(batches).hasSize(2);
            assertThat(batches.get(1)).hasSize(20);
            assertThat(commit.lanes()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBatchHoldsAtMostItsLimitAndTheRestGoInTheNext() throws Exception {
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<String, Integer, Integer> commit = new GroupCommit<>(5, (key, items) -> {
            sizes.add(items.size());
            if (items.contains(0)) {
                firstRunning.countDown();
                await(release);
            }
            return items;
        });
        ExecutorService pool = Executors.newFixedThreadPool(13);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            answers.add(pool.submit(() -> commit.submit("event", 0)));
            firstRunning.await(10, TimeUnit.SECONDS);
            for (int i = 1; i <= 12; i++) {
                int item = i;
                answers.add(pool.submit(() -> commit.submit("event", item)));
            }
            while (waiting(commit) < 12) {
                Thread.sleep(5);
            }
            release.countDown();
            for (int i = 0; i <= 12; i++) {
                assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
            }
            assertThat(sizes).containsExactly(1, 5, 5, 2);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A batch that fails is run again item by item: only the bad item fails, with its own exception. */
    @Test
    void oneBadItemNeverFailsTheOthersInItsBatch() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        GroupCommit<String, Integer, Integer> commit = new GroupCommit<>(100, (key, items) -> {
            runs.incrementAndGet();
            if (items.contains(0)) {
                firstRunning.countDown();
                await(release);
            }
            if (items.contains(7)) {
                throw new IllegalArgumentException("seven is bad");
            }
            return items.stream().map(i -> i * 10).toList();
        });
        ExecutorService pool = Executors.newFixedThreadPool(11);
        try {
            Future<Integer> first = pool.submit(() -> commit.submit("event", 0));
            firstRunning.await(10, TimeUnit.SECONDS);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                int item = i;
                answers.add(pool.submit(() -> commit.submit("event", item)));
            }
            while (waiting(commit) < 10) {
                Thread.sleep(5);
            }
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
            for (int i = 1; i <= 10; i++) {
                Future<Integer> answer = answers.get(i - 1);
                if (i == 7) {
                    assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IllegalArgumentException.class)
                            .hasRootCauseMessage("seven is bad");
                } else {
                    assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(i * 10);
                }
            }
            assertThat(runs.get()).as("the first alone, the failed batch of ten, then each of the ten alone").isEqualTo(12);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A failure that says nothing of the items (the database out of reach) fails the whole batch at once, run once. */
    @Test
    void aFailureNotWorthRunningAloneFailsEveryItemOfTheBatchAtOnce() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        GroupCommit<String, Integer, Integer> commit = new GroupCommit<>(100, java.util.function.UnaryOperator.identity(),
                failure -> !(failure instanceof IllegalStateException), (key, items) -> {
            runs.incrementAndGet();
            if (items.contains(0)) {
                firstRunning.countDown();
                await(release);
                return items;
            }
            throw new IllegalStateException("no database");
        });
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Future<Integer> first = pool.submit(() -> commit.submit("event", 0));
            firstRunning.await(10, TimeUnit.SECONDS);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                int item = i;
                answers.add(pool.submit(() -> commit.submit("event", item)));
            }
            while (waiting(commit) < 5) {
                Thread.sleep(5);
            }
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
            for (Future<Integer> answer : answers) {
                assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("no database");
            }
            assertThat(runs.get()).as("the first alone, then the batch of five once").isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLoneCallerGetsTheExceptionHisItemFailedWith() {
        GroupCommit<String, Integer, Integer> commit = new GroupCommit<>(10, (key, items) -> {
            throw new IllegalStateException("no database");
        });

        assertThatThrownBy(() -> commit.submit("event", 1)).isInstanceOf(IllegalStateException.class).hasMessage("no database");
        assertThat(commit.lanes()).isZero();
    }

    @Test
    void differentKeysDoNotWaitForEachOther() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<String, Integer, Integer> commit = new GroupCommit<>(10, (key, items) -> {
            if (key.equals("slow")) {
                await(release);
            }
            return items;
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> slow = pool.submit(() -> commit.submit("slow", 1));
            assertThat(pool.submit(() -> commit.submit("quick", 2)).get(10, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(slow.isDone()).isFalse();
            release.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void itemsAreStampedInTheOrderTheyJoinTheQueue() throws Exception {
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String, long[], Long> commit = new GroupCommit<>(7, item -> new long[]{item[0], clock.incrementAndGet()}, failure -> true, (key, items) -> {
            items.forEach(item -> seen.add(item[1]));
            return items.stream().map(item -> item[1]).toList();
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> answers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                long item = i;
                answers.add(pool.submit(() -> commit.submit("event", new long[]{item, 0})));
            }
            for (Future<Long> answer : answers) {
                answer.get(10, TimeUnit.SECONDS);
            }
            assertThat(seen).hasSize(400).isSorted();
        } finally {
            pool.shutdownNow();
        }
    }

    private static int waiting(GroupCommit<?, ?, ?> commit) {
        return commit.queued();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test's latch was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
