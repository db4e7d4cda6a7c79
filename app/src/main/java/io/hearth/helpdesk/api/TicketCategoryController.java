package io.hearth.helpdesk.api;

import io.hearth.helpdesk.Categories;
import io.hearth.identity.Caller;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The help desk's categories: everyone reads them (to open a ticket); admins set them. */
@TenantBound
@Controller("/api/v1/ticket-categories")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TicketCategoryController {

    private final Categories categories;

    public TicketCategoryController(Categories categories) {
        this.categories = categories;
    }

    @Schema(name = "TicketCategoryRequest", description = "care: its tickets reach only the men who hold care.handle. Minutes: service levels, "
            + "null for none.")
    @Serdeable
    public record CategoryRequest(@NotNull @Size(max = 1000) String name, @Nullable Boolean care, @Nullable Integer firstResponseMinutes,
                                  @Nullable Integer resolutionMinutes) {
        Categories.Definition definition() {
            return new Categories.Definition(name, Boolean.TRUE.equals(care), firstResponseMinutes, resolutionMinutes);
        }
    }

    @Schema(name = "TicketCategoryList")
    @Serdeable
    public record CategoryList(List<Categories.Category> items) {
    }

    @Get
    @Operation(summary = "The categories a ticket may be opened in")
    public CategoryList list(Caller caller) {
        return new CategoryList(categories.list(caller));
    }

    @Post
    @Operation(summary = "A new category (admins)", description = "201; 422 for a name in use.")
    public HttpResponse<Categories.Category> create(Caller caller, @Body @Valid CategoryRequest request) {
        Categories.Category created = categories.create(caller, request.definition());
        return HttpResponse.created(created, URI.create("/api/v1/ticket-categories/" + created.id()));
    }

    @Put("/{id}")
    @Operation(summary = "Change a category (admins)", description = "Open tickets keep the levels they were opened with.")
    public Categories.Category update(Caller caller, @PathVariable UUID id, @Body @Valid CategoryRequest request) {
        return categories.update(caller, id, request.definition());
    }

    @Delete("/{id}")
    @Operation(summary = "Archive a category (admins)", description = "204; no new ticket in it, its tickets stay.")
    public HttpResponse<Void> archive(Caller caller, @PathVariable UUID id) {
        categories.archive(caller, id);
        return HttpResponse.noContent();
    }
}
