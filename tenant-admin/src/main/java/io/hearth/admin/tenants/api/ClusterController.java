package io.hearth.admin.tenants.api;

import io.hearth.admin.tenants.TenantOperations;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.util.List;

/** The database clusters app holds organisations on. */
@Controller("/api/v1/clusters")
@Secured("OPERATOR")
@SecurityRequirement(name = "operatorToken")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ClusterController {

    private final TenantOperations operations;

    public ClusterController(TenantOperations operations) {
        this.operations = operations;
    }

    @Get
    @Operation(summary = "The database clusters, with how many organisations each holds",
            description = "As app last reported them (every hour, and after each operation). A new organisation goes to the one with the fewest.")
    public List<TenantOperations.Cluster> list() {
        return operations.clusters();
    }
}
