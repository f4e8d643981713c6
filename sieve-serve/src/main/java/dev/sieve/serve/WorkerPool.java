package dev.sieve.serve;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool that computes requests: {@code workers} threads and a queue of {@code queue}
 * waiting tasks. A task that finds both full is refused at once (503 with Retry-After); a task that
 * has not finished within the time limit is cancelled (its thread interrupted) and answered 503.
 */
final class WorkerPool implements AutoCloseable {
    /** Seconds a refused client is asked to wait. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final ThreadPoolExecutor executor;
    private final Duration timeout;

    WorkerPool(int workers, int queue, Duration timeout) {
        BlockingQueue<Runnable> q = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, q, r -> {
            Thread t = new Thread(r, "sieve-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        this.timeout = timeout;
    }

    /** Runs {@code task} on a worker and waits for it; failures of the task are rethrown unwrapped. */
    <T> T run(Callable<T> task) throws Exception {
        Future<T> f;
        try {
            f = executor.submit(task);
        } catch (RejectedExecutionException e) {
            throw new ApiError(503, "busy: " + executor.getActiveCount() + " requests running and " + executor.getQueue().size()
                    + " waiting; retry later", RETRY_AFTER_SECONDS);
        }
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new ApiError(503, "the request took longer than the limit of " + timeout.toSeconds() + " s", RETRY_AFTER_SECONDS);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new ApiError(503, "the server is stopping", RETRY_AFTER_SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Exception ex) {
                throw ex;
            }
            throw (Error) c;
        }
    }

    /** Tasks running now. */
    int running() {
        return executor.getActiveCount();
    }

    /** Tasks waiting for a worker. */
    int waiting() {
        return executor.getQueue().size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
