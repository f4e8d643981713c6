package dev.sieve.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    @Test
    void aTaskFindingEveryWorkerBusyAndTheQueueFullIsRefusedWithRetryAfter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (WorkerPool pool = new WorkerPool(1, 1, Duration.ofSeconds(30))) {
            Future<Integer> running = callers.submit(() -> pool.run(() -> {
                release.await();
                return 1;
            }));
            while (pool.running() < 1) {
                Thread.sleep(5);
            }
            Future<Integer> queued = callers.submit(() -> pool.run(() -> 2));
            while (pool.waiting() < 1) {
                Thread.sleep(5);
            }

            assertThatThrownBy(() -> pool.run(() -> 3)).isInstanceOfSatisfying(ApiError.class, e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.retryAfterSeconds()).isPositive();
                assertThat(e.getMessage()).contains("1 requests running and 1 waiting");
            });
            release.countDown();
            assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aTaskOverTheTimeLimitIsInterruptedAndAnswered503() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        try (WorkerPool pool = new WorkerPool(1, 0, Duration.ofMillis(200))) {
            assertThatThrownBy(() -> pool.run(() -> {
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
                return 0;
            })).isInstanceOfSatisfying(ApiError.class, e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.retryAfterSeconds()).isPositive();
                assertThat(e.getMessage()).contains("longer than the limit");
            });
            assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
            // the interrupted task still has to return before its worker is free again
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pool.running() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(pool.run(() -> 5)).isEqualTo(5);
        }
    }

    @Test
    void aTasksOwnFailureReachesTheCallerUnwrapped() {
        try (WorkerPool pool = new WorkerPool(1, 0, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> pool.run(() -> {
                throw new ApiError(422, "broken");
            })).isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(422));
        }
    }
}
