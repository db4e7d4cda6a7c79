package io.hearth.notifications.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

@MappedEntity("crisis_lines")
public record CrisisLineRow(@Id UUID id, int position, String name, @Nullable String phone, @Nullable String sms, @Nullable String url,
                           @Nullable String hours) {
}
