package dev.touchpoint.servicedesk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service desk of the embedded default: keeps the latest {@value #CAPACITY} tasks in memory, one per task id (a
 * retried job does not open a second one), for {@code GET /api/sandbox/service-desk/tasks}. Lost on restart, like the
 * other sandboxes: set {@code touchpoint.service-desk.url} for real agents.
 */
public class SandboxServiceDesk implements ServiceDesk {

    static final int CAPACITY = 1000;

    private final Map<String, ServiceDeskTask> tasks = new LinkedHashMap<>();

    @Override
    public synchronized String open(ServiceDeskTask task) {
        tasks.putIfAbsent(task.taskId(), task);
        while (tasks.size() > CAPACITY) {
            tasks.remove(tasks.keySet().iterator().next());
        }
        return "sandbox-" + task.taskId();
    }

    @Override
    public String describe() {
        return "the sandbox service desk";
    }

    /** Oldest first. */
    public synchronized List<ServiceDeskTask> tasks() {
        return new ArrayList<>(tasks.values());
    }

    public synchronized void clear() {
        tasks.clear();
    }
}
