package dev.touchpoint.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Stopping processes known by their id (from a pid file), with their children, within bounded time. */
public final class Processes {

    private Processes() {
    }

    /** True when a process with this id runs (a recycled id of an unrelated process also counts: check the command). */
    public static boolean alive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The command line of a running process, if the system tells. */
    public static Optional<String> command(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine());
    }

    /**
     * Stops a process and its descendants: SIGTERM, then SIGKILL after {@code grace}. Returns true when nothing of
     * it is left.
     */
    public static boolean stop(long pid, Duration grace) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return true;
        }
        List<ProcessHandle> children = handle.get().descendants().toList();
        handle.get().destroy();
        if (!await(handle.get(), grace)) {
            handle.get().destroyForcibly();
            await(handle.get(), Duration.ofSeconds(20));
        }
        children.forEach(ProcessHandle::destroyForcibly);
        children.forEach(c -> await(c, Duration.ofSeconds(10)));
        return !handle.get().isAlive() && children.stream().noneMatch(ProcessHandle::isAlive);
    }

    /** SIGKILL, as a crash would, and waits (bounded) until the process is gone. */
    public static boolean kill(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return true;
        }
        List<ProcessHandle> children = handle.get().descendants().toList();
        handle.get().destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        return await(handle.get(), Duration.ofSeconds(30));
    }

    private static boolean await(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}
