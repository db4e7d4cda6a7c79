package io.hearth.imports;

import io.hearth.kit.Refusal;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Runs an import's rows in the background, one transaction each, so the request that commits (or undoes) answers at
 * once and the import's progress is seen growing. The housekeeping sweep resumes an import whose runner stopped (the
 * instance went down); row locks keep two runners from doing a row twice.
 */
@TenantBound
@Singleton
public class ImportRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);

    private final ImportWork work;
    private final ExecutorService executor;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();

    public ImportRunner(ImportWork work, @Named(TaskExecutors.IO) ExecutorService executor) {
        this.work = work;
        this.executor = executor;
    }

    /** Starts working through the import's rows, unless this instance is already. */
    public void drive(Tenant tenant, UUID id) {
        if (running.add(id)) {
            executor.execute(() -> {
                try {
                    run(tenant, id);
                } finally {
                    running.remove(id);
                }
            });
        }
    }

    /** Drives every import of the organisation that is being applied or undone. */
    public void resume(Tenant tenant) {
        work.working(tenant).forEach(id -> drive(tenant, id));
    }

    private void run(Tenant tenant, UUID id) {
        try {
            for (Optional<ImportWork.Todo> todo = work.next(tenant, id); todo.isPresent(); todo = work.next(tenant, id)) {
                ImportWork.Todo step = todo.get();
                try {
                    if (step.caller().isEmpty()) {
                        throw Refusal.forbidden("The admin who committed the import is no longer an active admin");
                    }
                    if (step.applying()) {
                        work.apply(step.caller().get(), step.row());
                    } else {
                        work.undo(step.caller().get(), step.row());
                    }
                } catch (Refusal refused) {
                    work.refused(tenant, step, refused);
                }
            }
        } catch (RuntimeException e) {
            // Not a row's fault (the database went away): the sweep resumes it.
            LOG.warn("import {} of {} stopped; the next sweep resumes it", id, tenant.slug(), e);
        }
    }
}
